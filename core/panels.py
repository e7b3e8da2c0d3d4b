"""Sections that a higher app adds to a lower app's page, so that the lower app never imports it.

A supporter's page lists the events the supporter takes part in: ``events`` registers a panel for
the slot ``"supporter_detail"`` when it is ready; ``supporters`` only renders the slot with
``{% panels "supporter_detail" supporter %}`` and knows nothing of events.
"""

from collections import defaultdict

from django.utils.safestring import mark_safe

_panels = defaultdict(list)


def register(slot, render):
    """``render(obj) -> str`` (HTML, escaped by its template) is added to ``slot``; once."""
    if render not in _panels[slot]:
        _panels[slot].append(render)


def render(slot, obj):
    return mark_safe("".join(panel(obj) for panel in _panels[slot]))
