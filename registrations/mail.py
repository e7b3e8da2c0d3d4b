"""The registrations' mails, through the portal's one outbox (``core.outbox``): stored in the
transaction that causes them, sent by the worker after commit. The link to the registrant's own
page is put in when the mail is sent (``links.page_url``, registered in RegistrationsConfig), and
the event's .ics is attached then, with the event as it is at that moment. The joining URL is in
the mail only while the registration is confirmed."""

from django.conf import settings
from django.template.loader import render_to_string

from core import outbox
from events.formatting import when_text
from events.ical import calendar_bytes
from pages.models import SiteSettings

from .links import kind_of
from .models import MailKind, RegistrationStatus

# The .ics goes with the mails to a registrant who holds a seat.
ICS_KINDS = {
    MailKind.REGISTERED,
    MailKind.PROMOTED,
    MailKind.CHANGED,
    MailKind.REMINDER,
    MailKind.DAY_OF,
    MailKind.EVENT_CHANGED,
}

SUBJECTS = {
    MailKind.REGISTERED: "参加申込みを受け付けました",
    MailKind.PROMOTED: "キャンセル待ちから参加が確定しました",
    MailKind.CHANGED: "申込み内容を変更しました",
    MailKind.CANCELLED: "参加申込みをキャンセルしました",
}


def sessions_of(registration):
    return [session.event for session in registration.sessions.select_related("event")]


def context(registration, sessions=None, position=None, **extra):
    """``sessions`` and ``position`` when the caller knows them (saves the queries)."""
    target = registration.target
    if sessions is None:
        sessions = sessions_of(registration)
    if position is None and registration.is_waiting:
        position = registration.waiting_position()
    return {
        "registration": registration,
        "position": position,
        "target": target,
        "is_series": kind_of(target) == "series",
        "sessions": [(event, when_text(event)) for event in sessions],
        "confirmed": registration.status == RegistrationStatus.CONFIRMED,
        "joining_url": target.joining_url if registration.is_confirmed else "",
        "joining_note": target.joining_note if registration.is_confirmed else "",
        "page_url": outbox.LINK_MARK,
        "event_url": f"{settings.SITE_URL}{target.get_absolute_url()}",
        "site_settings": SiteSettings.load(),
        **extra,
    }


def render(registration, kind, subject=None, template=None, **extra):
    """(subject, body) of a mail as it is stored in the outbox."""
    subject = subject or SUBJECTS[kind]
    template = template or f"registrations/mail/{kind.split('.', 1)[1]}.txt"
    body = render_to_string(template, context(registration, **extra))
    return f"【NEXT TOHOKU MEETUP】{subject}（{registration.target.title}）", body


def queue(registration, kind, subject=None, template=None, **extra):
    """Queue one mail to the registrant; none for a registration without an address (taken by
    phone)."""
    if not registration.email:
        return None
    subject, body = render(registration, kind, subject, template, **extra)
    return outbox.queue(registration, kind, [registration.email], subject, body)


def queue_registered(registration, sessions=None, position=None):
    return queue(registration, MailKind.REGISTERED, sessions=sessions, position=position)


def queue_promoted(registration):
    return queue(registration, MailKind.PROMOTED)


def queue_changed(registration):
    return queue(registration, MailKind.CHANGED)


def queue_cancelled(registration):
    return queue(registration, MailKind.CANCELLED)


def queue_message(registration, subject, text):
    """Staff's message to every registrant of an event (one mail each; no one sees another's
    address)."""
    return queue(
        registration,
        MailKind.MESSAGE,
        subject=subject,
        template="registrations/mail/message.txt",
        text=text,
    )


def attachments(registration, kind):
    """The event's .ics for the mails that carry it, while the registration holds a seat."""
    if kind not in ICS_KINDS or not registration.is_confirmed:
        return []
    events = sessions_of(registration)
    if not events:
        return []
    name = registration.target.title
    return [("event.ics", calendar_bytes(events, name=name, subscription=False), "text/calendar")]
