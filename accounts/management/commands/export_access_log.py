import datetime
import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.access_log import entries_between, record_event, write_csv
from accounts.models import AccessAction


def parse_date(text):
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Dates are YYYY-MM-DD, not {text!r}.") from error


class _Unterminated:
    """Lets csv.writer write through the command's stdout wrapper, which would add newlines."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")


class Command(BaseCommand):
    help = (
        "Write the personal-data access log as CSV (UTF-8 with BOM) for audits. --since and "
        "--until are inclusive days in the site's time zone. The export itself is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="first day, YYYY-MM-DD")
        parser.add_argument("--until", help="last day, YYYY-MM-DD")
        parser.add_argument("--action", choices=AccessAction.values, help="only this action")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, since=None, until=None, action=None, output=None, **options):
        first, last = parse_date(since), parse_date(until)
        if first and last and first > last:
            raise CommandError("--since is after --until.")
        entries = entries_between(first, last, action=action)
        if output:
            with open(output, "w", encoding="utf-8-sig", newline="") as stream:
                count = write_csv(stream, entries)
        else:
            stream = _Unterminated(self.stdout)
            stream.write("\ufeff")
            count = write_csv(stream, entries)
        record_event(
            AccessAction.ACCESS_LOG_EXPORT,
            username=f"cli:{getpass.getuser()}",
            target_label=" ".join(
                filter(None, [f"{since or '最初'}〜{until or timezone.localdate()}", action])
            ),
            target_id=count,
        )
        self.stderr.write(f"Exported {count} access-log row(s){f' to {output}' if output else ''}.")
