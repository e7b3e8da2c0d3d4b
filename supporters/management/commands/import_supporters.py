from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from supporters.importer import ImportFailed, import_supporters


class Command(BaseCommand):
    help = (
        "Import supporters from a CSV file (the open-data export's columns; UTF-8 with or without "
        "BOM, or Shift_JIS). Every row is checked first; if any row has a problem nothing is "
        "imported and every problem is listed. Use --dry-run to check without saving."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and report, save nothing"
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish new supporters (default: drafts)"
        )

    def handle(self, *args, path, dry_run, publish, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None

        def progress(done, total):
            if total >= 200:
                self.stdout.write(f"  {done}/{total}")

        try:
            report = import_supporters(data, dry_run=dry_run, publish=publish, progress=progress)
        except ImportFailed as error:
            raise CommandError(str(error)) from None
        for problem in report.problems:
            self.stderr.write(str(problem))
        if not report.ok:
            raise CommandError(report.summary)
        self.stdout.write(self.style.SUCCESS(report.summary))
