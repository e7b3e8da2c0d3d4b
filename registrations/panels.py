"""What the registrations app adds to the pages of an event and of a programme (``core.panels``):
the 参加申込み box with the seats and the 申し込む button. It reads only the event's (or the
series') row, where the counts are kept, so the page stays one cached page for every visitor and
events never imports this app."""

from django.template.loader import render_to_string

from .links import kind_of, url_of


def registration_panel(target):
    if not target.registers_here:
        return ""
    context = {
        "event": target,
        "is_series": kind_of(target) == "series",
        "register_url": url_of(target),
    }
    return render_to_string("registrations/includes/event_panel.html", context)
