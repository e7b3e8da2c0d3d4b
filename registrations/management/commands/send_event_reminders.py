import time

from django.core.management.base import BaseCommand

from pages.models import SiteSettings
from registrations import notices

Kind = notices.Kind


class Command(BaseCommand):
    help = (
        "Queue the reminders to confirmed registrants N days before an event (サイト設定: "
        "開催前のお知らせ, default 2) and, for online events, the day-of mail with the joining "
        "URL. Each goes once per registrant and event however often this runs: run it every hour "
        "in the daytime (e.g. 07:05–21:05) from cron or the systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help="days before the event for the reminder (default: the site setting)",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="report, queue nothing")

    def handle(self, *args, days=None, dry_run=False, **options):
        started = time.monotonic()
        days = SiteSettings.load().registration_reminder_days if days is None else days
        if dry_run:
            due = notices.due_reminders(days=days)
            reminders = sum(kind == Kind.REMINDER for kind, _ in due)
            self.stdout.write(
                f"send_event_reminders (dry run): {reminders} reminders ({days} days before) "
                f"and {len(due) - reminders} day-of mails would be queued"
            )
            return
        counts = notices.queue_reminders(days=days)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"send_event_reminders: {counts[Kind.REMINDER]} reminders ({days} days before) "
                f"and {counts[Kind.DAY_OF]} day-of mails queued in {elapsed:.1f} s"
            )
        )
