"""PDF benchmark (a script, not a pytest test).

    /work/main/.venv/bin/python tests/benchmarks/pdf_benchmark.py [--renders 200]

Measures, for the 申込書 and 誓約書 of one typical application rendered together:
  1. warm: the median of 20 renders in this process (target < 0.5 s);
  2. first: a new Python process from start (Django set-up and WeasyPrint import included) to the
     first pair of PDFs (target < 4 s);
  3. memory: RSS before and after --renders pairs in a row (should stay flat).
No database is needed: the application is built in memory. Exits 1 when a target is missed.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetup_portal.settings")

WARM_TARGET = 0.5
FIRST_TARGET = 4.0


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def build_version():
    import datetime
    import importlib

    from django.utils import timezone

    from applications.forms import ApplicationForm
    from applications.models import Application, ApplicationVersion, PledgeVersion
    from tests.applications.factories import answers

    migration = importlib.import_module(
        "applications.migrations.0002_first_pledge_and_reviewer_permissions"
    )
    pledge = PledgeVersion(text=migration.PLEDGE_TEXT, effective_on=datetime.date(2021, 3, 1))
    form = ApplicationForm(data=answers(postal_code="〒９８０－８４０３"), pledge=pledge)
    assert form.is_valid(), form.errors
    data = form.draft_data()
    now = timezone.now()
    application = Application(
        number="NTM-2026-0001", year=2026, sequence=1, pledge_version=pledge,
        pledge_agreed_at=now, privacy_consented_at=now,
        **{k: v for k, v in data.items() if k not in ("categories", "pledge_agreed", "privacy_consent")},
    )  # fmt: skip
    return ApplicationVersion(
        application=application, number=1, data=data, pledge_version=pledge, submitted_at=now
    )


def render_pair(version):
    from applications import pdf

    return len(pdf.render_application(version)) + len(pdf.render_pledge(version))


def first_render():
    """Run in a fresh process: time from interpreter start to the first pair of PDFs."""
    import django

    django.setup()
    version = build_version()
    size = render_pair(version)
    print(f"{time.perf_counter() - STARTED:.3f} {time.process_time():.3f} {size}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--first", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first:
        first_render()
        return 0

    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--first"], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    inside, cpu, size = result.stdout.split()
    print(
        f"first pair in a new process: {wall:.2f} s wall ({float(inside):.2f} s from interpreter "
        f"start, {float(cpu):.2f} s CPU), both PDFs {int(size) // 1024} KB"
    )

    import django

    django.setup()
    version = build_version()
    render_pair(version)
    timings, cpu_timings = [], []
    for _ in range(20):
        start, cpu_start = time.perf_counter(), time.process_time()
        render_pair(version)
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu_start)
    warm = statistics.median(timings)
    print(
        f"warm pair: median {warm:.3f} s of 20 (min {min(timings):.3f}, max {max(timings):.3f}); "
        f"CPU median {statistics.median(cpu_timings):.3f} s"
    )

    before = rss_mb()
    peak = before
    for index in range(args.renders):
        render_pair(version)
        peak = max(peak, rss_mb())
        if (index + 1) % 50 == 0:
            print(f"  {index + 1}/{args.renders} pairs, RSS {rss_mb():.0f} MB", flush=True)
    after = rss_mb()
    print(
        f"RSS over {args.renders} pairs in a row: before {before:.0f} MB, after {after:.0f} MB, peak {peak:.0f} MB"
    )

    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(
            f"note: load average {load:.1f} on {os.cpu_count()} cores; wall times include waiting for a CPU"
        )
    ok = warm < WARM_TARGET and wall < FIRST_TARGET
    print(
        f"pdf_benchmark: warm {warm:.3f} s (< {WARM_TARGET}), first {wall:.2f} s (< {FIRST_TARGET}), RSS {before:.0f} → {after:.0f} MB: {'OK' if ok else 'TARGET MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
