"""Retention tasks of the apps that hold personal data, run by one command (``apply_retention``,
hourly from cron). An app registers ``task(dry_run) -> (count, summary)`` when it is ready; the
command runs its own step and then every registered one, so no app imports another's."""

_tasks = {}


def register(name, task):
    """``task(dry_run: bool) -> (int, str)``: how many rows it anonymised (or would) and a
    one-line summary."""
    _tasks[name] = task


def run_registered(dry_run=False):
    """[(name, count, summary), …] of every registered task."""
    return [(name, *task(dry_run)) for name, task in sorted(_tasks.items())]
