import time

from django.core.management.base import BaseCommand
from django.db import connection

from search import backends, documents


class Command(BaseCommand):
    help = (
        "Make the site search's index afresh from every page, topic, event and supporter "
        "(after a bulk import or loaddata, which send no signals); re-creates the database's "
        "trigram index where it is missing."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        backends.ensure_index(connection)
        entries = documents.rebuild(stdout=self.stdout if options["verbosity"] > 1 else None)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"rebuild_search_index: {entries} entries in {elapsed:.1f} s")
        )
