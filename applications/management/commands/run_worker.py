import signal
import threading

from django.core.management.base import BaseCommand

from applications import worker


class Command(BaseCommand):
    help = (
        "Render the PDFs of submitted applications and send the outbox's mail, continuously "
        "(beside the web server: scripts/start, or the systemd unit in deploy/). With --once: "
        "one pass over what is due, then exit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass, then exit")

    def handle(self, *args, once=False, **options):
        if once:
            rendered, tried = worker.run_once()
            self.stdout.write(f"run_worker: {rendered} PDFs rendered, {tried} mails tried")
            return
        stop = threading.Event()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stop.set())
        self.stdout.write("run_worker: started")
        worker.run(stop)
        self.stdout.write("run_worker: stopped")
