import importlib
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.page_cache import content_changed
from core.seeding import load_fixture


def demo_module(config):
    """The app's ``demo.py``, if it has one: ``seed(stdout, **options)`` makes the synthetic
    volume and returns {"created": n, "updated": n}. Looked for beside the app's own files, not
    through the import system, which a shared editable install points at another checkout."""
    if (Path(config.path) / "demo.py").exists():
        return importlib.import_module(f"{config.name}.demo")
    return None


class Command(BaseCommand):
    help = (
        "Load the demo content from fixtures/<app label>.json (pages written from the seeds, "
        "topics, the 2021 events, samples). Idempotent: a second run changes nothing. "
        "--supporters/--events/--topics/--pages add synthetic data for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--supporters", type=int, default=0, metavar="N",
            help="add N deterministic synthetic supporters (marked サンプル)",
        )  # fmt: skip
        parser.add_argument(
            "--events", type=int, default=0, metavar="M",
            help="add M deterministic synthetic events over past and future (marked サンプル)",
        )  # fmt: skip
        parser.add_argument(
            "--topics", type=int, default=0, metavar="N",
            help="add N deterministic synthetic topics (marked サンプル)",
        )  # fmt: skip
        parser.add_argument(
            "--pages", type=int, default=0, metavar="N",
            help="add N deterministic synthetic pages under one サンプル section page",
        )  # fmt: skip
        parser.add_argument(
            "--fixtures", type=Path, default=settings.BASE_DIR / "fixtures", metavar="DIR",
            help="the folder of the fixtures (default: fixtures/ in the project)",
        )  # fmt: skip

    def handle(self, *args, **options):
        started = time.monotonic()
        today = timezone.localdate()
        totals = {"created": 0, "updated": 0}
        # In INSTALLED_APPS order: an app comes after the apps its content refers to.
        for config in apps.get_app_configs():
            fixture = Path(options["fixtures"], f"{config.label}.json")
            demo = demo_module(config)
            if not fixture.exists() and demo is None:
                continue
            with transaction.atomic():
                counts = load_fixture(fixture, today) if fixture.exists() else {}
                if demo is not None:
                    volume = {
                        name: options[name] for name in ("supporters", "events", "topics", "pages")
                    }
                    for key, value in demo.seed(stdout=self.stdout, **volume).items():
                        counts[key] = counts.get(key, 0) + value
            self.stdout.write(
                f"  {config.label}: {counts['created']} created, {counts['updated']} updated"
            )
            for key in totals:
                totals[key] += counts[key]
        content_changed()  # bulk inserts send no signals; cached public pages must go
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_demo: {totals['created']} created, {totals['updated']} updated "
                f"in {elapsed:.1f} s"
            )
        )
