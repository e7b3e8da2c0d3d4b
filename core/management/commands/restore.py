from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = (
        "Load an archive written by `backup` into an empty installation (migrated, without "
        "content or media) and check every row count and file checksum against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = backups.restore(Path(archive))
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"restore: {sum(manifest['row_counts'].values())} rows and "
                f"{len(manifest['files'])} files restored and checked"
            )
        )
