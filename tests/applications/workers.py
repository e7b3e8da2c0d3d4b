"""``manage.py run_worker``'s loop in threads, for tests that need the worker running."""

import threading
from contextlib import contextmanager

from django.db import connection

from applications import worker


@contextmanager
def worker_threads(count=1, poll=0.1):
    """``count`` workers polling every ``poll`` seconds, stopped (and joined) on exit."""
    stop = threading.Event()

    def work():
        try:
            worker.run(stop, poll=poll)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, name=f"worker-{n}", daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    try:
        yield threads
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads), "a worker did not stop"
