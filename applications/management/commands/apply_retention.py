import time

from django.conf import settings
from django.core.management.base import BaseCommand

from applications import drafts, retention
from applications.models import Application
from applications.storage import private_storage


class Command(BaseCommand):
    help = (
        "Delete the personal data of rejected and withdrawn applications decided more than "
        "APPLICATION_RETENTION_DAYS ago (or --days), keeping anonymised rows for statistics, and "
        "remove logo drafts not sent within APPLY_DRAFT_MAX_AGE_HOURS. Run it hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help=f"retention period in days (default {settings.APPLICATION_RETENTION_DAYS})",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, days=None, dry_run=False, **options):
        started = time.monotonic()
        days = settings.APPLICATION_RETENTION_DAYS if days is None else days
        applications = list(Application.objects.due_for_retention(days))
        logos = drafts.stale_logos()
        if dry_run:
            for application in applications:
                self.stdout.write(
                    f"  would anonymise {application.number} ({application.get_status_display()})"
                )
            self.stdout.write(
                f"apply_retention (dry run): {len(applications)} applications older than {days} "
                f"days and {len(logos)} logo drafts would be deleted"
            )
            return
        files = 0
        for index, application in enumerate(applications, start=1):
            files += retention.anonymise(application)
            if index % 50 == 0 or index == len(applications):
                self.stdout.write(f"  {index}/{len(applications)} anonymised")
        for name in logos:
            private_storage.delete(name)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"apply_retention: {len(applications)} applications anonymised, {files} files "
                f"and {len(logos)} logo drafts deleted in {elapsed:.1f} s"
            )
        )
