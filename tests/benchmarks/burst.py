"""Recruitment-day burst: N applicants complete the application at the same moment against
gunicorn (2 workers, DEBUG off) with one worker (manage.py run_worker) beside it and a local SMTP
server (aiosmtpd). Fails unless every 完了 page answers within 2 s, the numbers are gapless, and
every acknowledgement mail and every PDF is produced by the worker within 60 s.

    python -m tests.benchmarks.burst                 # 50 concurrent complete submissions

Everything runs on 127.0.0.1 with bounded timeouts; the servers are stopped at the end.
"""

import argparse
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

import django
from aiosmtpd.controller import Controller

from .run import PROJECT, PYTHON, free_port, manage, server_environment, wait_until_up

COMPLETE_BUDGET_S = 2.0
WORKER_BUDGET_S = 60.0


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Applicant:
    """One browser: cookies kept by hand (the cookies are Secure, the bench is plain HTTP)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 302 comes here with NoRedirect
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response.status, response.read().decode()

    def csrf(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def apply(self, index):
        from tests.applications.factories import answers  # the tests' valid answers

        _, html = self.request("/apply/")
        form = answers(email=f"burst{index}@example.jp", name=f"株式会社バースト{index}")
        status, _ = self.request("/apply/", {**form, "csrfmiddlewaretoken": self.csrf(html)})
        assert status == 302, f"input answered {status}"
        _, html = self.request("/apply/confirm/")
        payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
        started = time.monotonic()
        status, _ = self.request(
            "/apply/confirm/",
            {"payload": payload, "submit": "1", "csrfmiddlewaretoken": self.csrf(html)},
        )
        assert status == 302, f"confirm answered {status}"
        _, html = self.request("/apply/complete/")
        elapsed = time.monotonic() - started
        number = re.search(r"NTM-\d{4}-(\d{4})", html).group(0)
        return elapsed, number


class Recorder:
    def __init__(self):
        self.subjects = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.subjects.append(envelope.content)
        return "250 OK"


def count(database, sql):
    with sqlite3.connect(database, timeout=10) as connection:
        return connection.execute(sql).fetchone()[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetup_portal.settings")
    django.setup()  # for the tests' answers; the servers run in their own processes
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command lines

    workdir = Path(tempfile.mkdtemp(prefix="ntm-burst-"))
    database = workdir / "bench.sqlite3"
    smtp_port, port = free_port(), free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = server_environment(workdir, base_url, f"sqlite:///{database}")
    env.update({
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port), "EMAIL_USE_TLS": "false",
        "APPLY_RATE_LIMIT": "100000/h", "WORKER_POLL_SECONDS": "0.5",
    })  # fmt: skip
    print(f"Preparing database and static files in {workdir} ...", flush=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_demo", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")

    recorder = Recorder()
    smtp = Controller(recorder, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "meetup_portal.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=PROJECT, env=env,
    )  # fmt: skip
    worker = subprocess.Popen([PYTHON, "manage.py", "run_worker"], cwd=PROJECT, env=env)
    try:
        wait_until_up(base_url)
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.applicants) as pool:
            results = list(pool.map(lambda i: Applicant(base_url).apply(i), range(args.applicants)))
        burst_s = time.monotonic() - started
        deadline = time.monotonic() + WORKER_BUDGET_S
        while time.monotonic() < deadline:
            pdfs = count(database, "SELECT COUNT(*) FROM applications_applicationversion "
                                   "WHERE pdf_generated_at IS NOT NULL")  # fmt: skip
            unsent = count(database, "SELECT COUNT(*) FROM core_outboxmessage "
                                     "WHERE sent_at IS NULL")  # fmt: skip
            if pdfs == args.applicants and unsent == 0:
                break
            time.sleep(0.5)
        worker_s = time.monotonic() - started
        queued = count(database, "SELECT COUNT(*) FROM core_outboxmessage")
    finally:
        worker.terminate()
        server.terminate()
        worker.wait(timeout=60)
        server.wait(timeout=30)
        smtp.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    times = sorted(elapsed for elapsed, _ in results)
    numbers = sorted(int(number[-4:]) for _, number in results)
    print(f"\n{args.applicants} concurrent complete submissions, gunicorn {args.workers} workers, "
          "1 run_worker, SQLite")  # fmt: skip
    print(f"完了 page (submit + complete): max {times[-1]:.2f} s, p50 {times[len(times) // 2]:.2f} s;"
          f" burst {burst_s:.1f} s")  # fmt: skip
    print(f"numbers {numbers[0]}..{numbers[-1]}; PDFs {pdfs}/{args.applicants}; mails "
          f"{len(recorder.subjects)} received of {queued} queued, {unsent} unsent; "
          f"worker done {worker_s:.1f} s after the burst began")  # fmt: skip
    problems = []
    if times[-1] > COMPLETE_BUDGET_S:
        problems.append(f"slowest 完了 {times[-1]:.2f} s > {COMPLETE_BUDGET_S} s")
    if numbers != list(range(numbers[0], numbers[0] + args.applicants)):
        problems.append("numbers not gapless")
    if pdfs != args.applicants or unsent or len(recorder.subjects) != queued:
        problems.append(f"worker not done within {WORKER_BUDGET_S:.0f} s (or a mail sent twice)")
    print("FAIL: " + "; ".join(problems) if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
