"""What the registrations app adds to the event page (``core.panels``): the 参加申込み box with
the seats and the 申し込む button. It reads only the event's row (its counts are kept there), so
the page stays one cached page for every visitor and events never imports this app."""

from django.template.loader import render_to_string


def event_registration(event):
    if not event.registers_here:
        return ""
    return render_to_string("registrations/includes/event_panel.html", {"event": event})
