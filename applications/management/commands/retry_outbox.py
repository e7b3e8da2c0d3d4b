import time

from django.core.management.base import BaseCommand

from applications import mail, pdf
from applications.models import ApplicationVersion


class Command(BaseCommand):
    help = (
        "Retry what failed after a submission or review step: render missing PDFs, then send "
        "unsent e-mail from the outbox. Safe to run from cron every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only report what is pending")

    def handle(self, *args, dry_run=False, **options):
        started = time.monotonic()
        versions = list(
            ApplicationVersion.objects.select_related("application", "pledge_version")
            .filter(
                pdf_generated_at__isnull=True, application__personal_data_deleted_at__isnull=True
            )
            .order_by("pk")
        )
        messages = list(mail.pending().order_by("pk"))
        if dry_run:
            self.stdout.write(
                f"retry_outbox (dry run): {len(versions)} versions without PDFs, "
                f"{len(messages)} unsent mails"
            )
            return
        rendered = render_failed = 0
        for index, version in enumerate(versions, start=1):
            try:
                pdf.generate(version)
                rendered += 1
            except Exception as error:  # keep going; the version stays pending for the next run
                render_failed += 1
                self.stderr.write(f"  PDF for {version}: {type(error).__name__}: {error}")
            self.stdout.write(f"  PDFs {index}/{len(versions)}")
        sent = send_failed = 0
        for index, message in enumerate(messages, start=1):
            if mail.send(message):
                sent += 1
            else:
                send_failed += 1
            if index % 20 == 0 or index == len(messages):
                self.stdout.write(f"  mails {index}/{len(messages)}")
        elapsed = time.monotonic() - started
        summary = (
            f"retry_outbox: {rendered} PDFs rendered, {render_failed} failed; "
            f"{sent} mails sent, {send_failed} failed in {elapsed:.1f} s"
        )
        style = self.style.SUCCESS if not (render_failed or send_failed) else self.style.WARNING
        self.stdout.write(style(summary))
