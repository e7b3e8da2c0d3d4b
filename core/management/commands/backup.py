from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core import backups


class Command(BaseCommand):
    help = (
        "Write the database and the public and private files, with a manifest of checksums and "
        "row counts, into one archive (mode 0600; it holds personal data: keep it encrypted)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", help="the .tar to write (default: backups/meetup-<time>.tar)"
        )

    def handle(self, *args, archive=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(archive or f"backups/meetup-{stamp}.tar")
        manifest = backups.backup(path)
        self.stdout.write(
            self.style.SUCCESS(
                f"backup: {path} ({sum(manifest['row_counts'].values())} rows in "
                f"{len(manifest['row_counts'])} tables, {len(manifest['files'])} files)"
            )
        )
