"""What the accounts app's request-level guards cost on a public page, measured in one process
with the two middleware stacks interleaved, so that other load on the machine hits both alike:

    python -m tests.accounts.middleware_cost [--rounds 100] [--batch 50] [URL ...]

Production-like settings (DEBUG off) on a fresh seeded SQLite database in a temporary folder.
The wrk-based comparison is ``python -m tests.benchmarks.run`` with and without
``--env DJANGO_SETTINGS_MODULE=tests.accounts.bench_without_accounts``."""

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path


def prepare_environment(workdir):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "meetup_portal.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
            "DATABASE_URL": f"sqlite:///{workdir / 'cost.sqlite3'}",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )


def environ_for(url):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": url,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def timed_batch(handler, url, batch):
    statuses = []
    start = time.perf_counter()
    for _ in range(batch):
        response = handler(environ_for(url), lambda status, headers: statuses.append(status))
        b"".join(response)
        response.close()
    elapsed = time.perf_counter() - start
    assert all(status.startswith("200") for status in statuses), statuses[:3]
    return batch / elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=["/"])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="ntm-cost-"))
    prepare_environment(workdir)
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.handlers.wsgi import WSGIHandler
        from django.core.management import call_command
        from django.test.utils import override_settings

        from tests.accounts.bench_without_accounts import MIDDLEWARE as WITHOUT

        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        with_guards = WSGIHandler()
        with override_settings(MIDDLEWARE=WITHOUT):
            without_guards = WSGIHandler()
        removed = len(settings.MIDDLEWARE) - len(WITHOUT)
        print(f"{removed} middleware compared, {args.rounds} rounds of {args.batch} requests each")
        for url in args.urls:
            timed_batch(with_guards, url, args.batch)  # warm up both
            timed_batch(without_guards, url, args.batch)
            rates = {"with": [], "without": []}
            paired_costs = []
            for round_number in range(args.rounds):
                # Alternate which stack goes first, and compare each pair: load that comes and
                # goes on a shared machine then falls on both sides.
                order = [("with", with_guards), ("without", without_guards)]
                if round_number % 2:
                    order.reverse()
                for name, handler in order:
                    rates[name].append(timed_batch(handler, url, args.batch))
                paired_costs.append(1 - rates["with"][-1] / rates["without"][-1])
            with_rate = statistics.median(rates["with"])
            without_rate = statistics.median(rates["without"])
            cost = statistics.median(paired_costs) * 100
            print(
                f"{url:<20} with {with_rate:8.0f} req/s   without {without_rate:8.0f} req/s   "
                f"cost (median of paired rounds) {cost:+.1f} %"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
