import time

from django.conf import settings
from django.core.management.base import BaseCommand

from applications import drafts, retention
from applications.models import Application
from applications.storage import private_storage
from core import retention as other_retention


class Command(BaseCommand):
    help = (
        "Delete the personal data of rejected and withdrawn applications decided more than "
        "APPLICATION_RETENTION_DAYS ago (or --days), keeping anonymised rows for statistics, and "
        "remove logo drafts not sent within APPLY_DRAFT_MAX_AGE_HOURS; then the other apps' "
        "retention (event registrants: the site setting 参加申込みの個人情報の保存日数). Run it hourly."
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
            for name, _count, summary in other_retention.run_registered(dry_run=True):
                self.stdout.write(f"  {name}: {summary}")
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
        others = other_retention.run_registered()
        for name, _count, summary in others:
            self.stdout.write(f"  {name}: {summary}")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"apply_retention: {len(applications)} applications anonymised, {files} files "
                f"and {len(logos)} logo drafts deleted, "
                f"{sum(count for _name, count, _summary in others)} other records anonymised "
                f"in {elapsed:.1f} s"
            )
        )
