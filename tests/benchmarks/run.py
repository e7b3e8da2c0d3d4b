"""Load test: gunicorn (2 workers, DEBUG off) on loopback against a freshly seeded database, wrk
as the client. Reports req/s, p50 and p99 per URL and fails when a budget is missed.

    python -m tests.benchmarks.run                                  # the home page
    python -m tests.benchmarks.run --supporters 1000 /supporters/ /supporters/miyagi/
    python -m tests.benchmarks.run --events 500 /events/ /events/feed.ics
    python -m tests.benchmarks.run --supporters 2000 --events 1000 /supporters/ /events/feed.ics
    python -m tests.benchmarks.run --register sample-pitch-fukushima /events/sample-pitch-fukushima/

The database is a new SQLite file in a temporary folder unless BENCH_DATABASE_URL is set.
Everything runs on 127.0.0.1; each URL is loaded for a bounded time.

Besides wrk's figures it reports the CPU time the gunicorn workers spent per request (from
/proc, Linux): on a machine shared with other work, req/s and p99 move with the load average,
while the CPU a request costs barely does. The load average is printed with the figures.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# URL -> (minimum req/s, maximum p99 in ms), from the issues' acceptance lists.
BUDGETS = {
    "/": (400, 100),
    # Issue 14: at 2,000 supporters and 1,000 events, p99 under 50 ms at 16 connections.
    "/supporters/": (300, 50),
    "/supporters/miyagi/": (300, 150),
    "/events/": (300, 150),
    "/events/feed.ics": (300, 50),
    # The recruitment-day spike: the blank form page comes from the page cache (issue 14).
    "/apply/": (400, 50),
    # Site search, any query (issue 16): p99 under 50 ms at 16 connections.
    "/search/": (300, 50),
    # Event registration (issue 15): an event page with registration open, anonymous, and the
    # registration POST (the 確認 step that registers; tests/benchmarks/registration.py).
    "/events/sample-pitch-fukushima/": (300, 150),
    "/events/sample-online-side-jobs/": (300, 150),
    "POST /events/sample-pitch-fukushima/register/confirm/": (1, 300),
}
DEFAULT_BUDGET = (300, 150)


def budget_for(url):
    """The URL's budget, else its path's (every query of /search/), else the default."""
    return BUDGETS.get(url) or BUDGETS.get(url.split("?", 1)[0], DEFAULT_BUDGET)


@dataclass
class Result:
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int = 0
    cpu_ms_per_request: float = 0.0
    load_average: float = 0.0  # one-minute load average at the end of the run

    def failures(self):
        minimum, maximum_p99 = budget_for(self.url)
        problems = []
        if self.requests_per_second < minimum:
            problems.append(f"{self.requests_per_second:.0f} req/s < {minimum}")
        if self.p99_ms > maximum_p99:
            problems.append(f"p99 {self.p99_ms:.1f} ms > {maximum_p99}")
        if self.errors:
            problems.append(f"{self.errors} failed or non-2xx responses")
        return problems


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(workdir, base_url, database_url):
    """Production settings (DEBUG off) on loopback, with files in ``workdir``."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "DATABASE_URL": database_url,
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "SITE_URL": base_url,
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=env, check=True)


def wait_until_up(base_url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * _UNITS_MS[unit]


def parse_wrk(url, output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    return Result(url, rps, p50, p99, errors, requests)


def workers_cpu_seconds(master_pid):
    """User and system CPU time used so far by the gunicorn workers (the master's children)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that has just ended
            continue
        if int(fields[1]) == master_pid:
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def load(base_url, url, connections, duration, headers=(), server_pid=None):
    target = base_url + quote(url, safe="/?&=%+:;,")  # a Japanese query as wrk sends it
    header_args = [arg for header in headers for arg in ("-H", header)]
    # Warm up both workers (templates, connections, caches) before measuring.
    subprocess.run(
        ["wrk", "-t2", "-c4", "-d2s", *header_args, target], capture_output=True, check=True
    )
    cpu_before = workers_cpu_seconds(server_pid) if server_pid else 0.0
    completed = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *header_args, target],
        capture_output=True,
        text=True,
        check=True,
    )
    result = parse_wrk(url, completed.stdout)
    if server_pid and result.requests:
        cpu = workers_cpu_seconds(server_pid) - cpu_before
        result.cpu_ms_per_request = cpu * 1000 / result.requests
    result.load_average = os.getloadavg()[0]
    return result


def load_registrations(base_url, workdir, env, slug, connections, duration):
    """The 確認 step POSTed by wrk, each request a different person (registration.py)."""
    from . import registration

    script, bodies = registration.prepare(
        workdir, lambda *args: manage(env, *args), slug, count=20000
    )
    target = f"{base_url}/events/{slug}/register/confirm/"
    completed = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(script),
         target, "--", str(bodies), "2", registration.CSRF],
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    return parse_wrk(f"POST /events/{slug}/register/confirm/", completed.stdout)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=["/"])
    parser.add_argument("--supporters", type=int, default=0)
    parser.add_argument("--events", type=int, default=0)
    parser.add_argument("--topics", type=int, default=0)
    parser.add_argument("--pages", type=int, default=0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--register", metavar="SLUG",
                        help="also load the registration POST (the 確認 step) of this event")  # fmt: skip
    parser.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                        help="request header, e.g. 'Cookie: sessionid=x' to bypass the page cache")  # fmt: skip
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment for the server, e.g. to compare a setting")  # fmt: skip
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian package 'wrk'; scripts/bench installs it)")

    workdir = Path(tempfile.mkdtemp(prefix="ntm-bench-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    database_url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    env = server_environment(workdir, base_url, database_url)
    env.update(item.split("=", 1) for item in args.env)
    if args.register:
        env.setdefault("REGISTER_RATE_LIMIT", "1000000/h")  # wrk is one client address

    print(f"Preparing database and static files in {workdir} ...", flush=True)
    manage(env, "migrate", "--no-input", "-v0")
    seed = ["seed_demo"] + [
        f"--{name}={getattr(args, name)}" for name in ("supporters", "events", "topics", "pages")
    ]
    manage(env, *seed)
    manage(env, "collectstatic", "--no-input", "-v0")

    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "meetup_portal.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=PROJECT,
        env=env,
    )  # fmt: skip
    try:
        wait_until_up(base_url)
        results = [
            load(base_url, url, args.connections, args.duration, args.header, server.pid)
            for url in args.urls
        ]
        if args.register:
            results.append(
                load_registrations(
                    base_url, workdir, env, args.register, args.connections, args.duration
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\ngunicorn {args.workers} workers, wrk {args.connections} connections, "
        f"{args.duration} s per URL, supporters={args.supporters} events={args.events} "
        f"topics={args.topics} pages={args.pages}"
        + (f", headers: {args.header}" if args.header else "")
    )
    width = max(28, *(len(result.url) + 2 for result in results))
    print(
        f"{'URL':<{width}}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'CPU ms/req':>12}{'load':>6}"
        "  budget"
    )
    failed = False
    for result in results:
        problems = result.failures()
        failed |= bool(problems)
        minimum, maximum = budget_for(result.url)
        verdict = "ok" if not problems else "FAIL: " + "; ".join(problems)
        print(
            f"{result.url:<{width}}{result.requests_per_second:>10.0f}{result.p50_ms:>10.1f}"
            f"{result.p99_ms:>10.1f}{result.cpu_ms_per_request:>12.2f}{result.load_average:>6.1f}"
            f"  >= {minimum} req/s, p99 <= {maximum} ms: {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
