import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from core.page_cache import content_changed


def demo_modules():
    """The ``demo`` modules of the installed apps, in INSTALLED_APPS order (an app comes after
    the apps its content refers to). Each has ``seed(stdout, **options)`` returning
    {"created": n, "updated": n}."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            yield config.label, importlib.import_module(f"{config.name}.demo")


class Command(BaseCommand):
    help = (
        "Load the demo content (pages written from the seeds, topics, samples). Idempotent: "
        "a second run changes nothing. --supporters/--events add synthetic data for benchmarks."
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

    def handle(self, *args, **options):
        started = time.monotonic()
        totals = {"created": 0, "updated": 0}
        for app_label, module in demo_modules():
            with transaction.atomic():
                counts = module.seed(
                    stdout=self.stdout, supporters=options["supporters"], events=options["events"]
                )
            self.stdout.write(
                f"  {app_label}: {counts['created']} created, {counts['updated']} updated"
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
