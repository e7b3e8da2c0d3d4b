"""Notices to registrants through the portal's one outbox: the reminder N days before an event
(SiteSettings.registration_reminder_days), the day-of mail with the joining URL for online
events, and the notice of a change staff make to an event's date, time, place, format or state
(中止・延期).

Each notice is recorded as a RegistrationNotice (registration, event, kind, event revision) in the
transaction that queues its mail, and that row is unique: whatever runs twice (the reminder
command, a second save of the event, a retried request, two workers racing), a registrant gets
each notice once. The mails carry the event's .ics as it is when they are sent (mail.attachments),
so a change notice brings the raised SEQUENCE (events.sequence).

events never imports this app: the change notices listen to the event's pre_save (what is
stored) and post_save (what changed), in the transaction of the admin's save."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from events.formatting import when_text
from events.models import Event
from events.sequence import CALENDAR_FIELDS
from pages.models import SiteSettings

from . import mail
from .models import (
    ACTIVE_STATUSES,
    MailKind,
    Registration,
    RegistrationNotice,
    RegistrationSession,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)
Kind = RegistrationNotice.Kind

# The event's fields whose change registrants are told about. All of them are calendar fields,
# so each change raises the event's SEQUENCE, which names the change (RegistrationNotice).
NOTICE_FIELDS = (
    "starts_at", "ends_at", "all_day", "format", "venue_name", "address", "prefecture",
    "online_tool", "state",
)  # fmt: skip
assert set(NOTICE_FIELDS) <= set(CALENDAR_FIELDS)

SUBJECTS = {
    MailKind.REMINDER: "開催日が近づいています",
    MailKind.DAY_OF: "本日開催です（参加方法のご案内）",
}


# --- recording a notice once ---------------------------------------------------------------


def gets_notice(kind, registration):
    """Whether ``registration`` (locked) is one that gets notice ``kind``: a change goes to
    確定 and キャンセル待ち, a survey to anyone who attended, the rest to 確定 only."""
    if not registration.email or registration.personal_data_deleted_at:
        return False
    if kind == Kind.CHANGE:
        return registration.status in ACTIVE_STATUSES
    if kind == Kind.SURVEY:
        return not registration.is_cancelled
    return registration.is_confirmed


def deliver_once(session, kind, queue_mail, sequence=0):
    """Record notice ``kind`` for ``session`` (its registration and event) and queue its mail
    (``queue_mail(session)``), in one transaction with the registration's row locked. False when
    the registration no longer gets it, or the notice was already recorded (by an earlier run,
    or by another process a moment ago: the unique row refuses the second)."""
    try:
        with transaction.atomic():
            registration = Registration.objects.select_for_update().get(pk=session.registration_id)
            if not gets_notice(kind, registration):
                return False
            RegistrationNotice.objects.create(
                registration=registration, event=session.event, kind=kind, event_sequence=sequence
            )
            session.registration = registration
            queue_mail(session)
            registration.log(f"notice.{kind}", event=session.event_id, sequence=sequence)
    except IntegrityError:
        return False
    return True


def without_notice(sessions, kind, sequence=0):
    """``sessions`` whose registration has no notice ``kind`` about the session's event yet."""
    recorded = RegistrationNotice.objects.filter(
        registration=OuterRef("registration"),
        event=OuterRef("event"),
        kind=kind,
        event_sequence=sequence,
    )
    return sessions.filter(~Exists(recorded))


def registered_sessions(**filters):
    return RegistrationSession.objects.filter(
        registration__personal_data_deleted_at__isnull=True, **filters
    ).select_related("registration", "event")


# --- reminders (send_event_reminders) ------------------------------------------------------


def _day_start(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def _joining(event, registration):
    """The joining URL and note for an online (or hybrid) event, for a confirmed registrant."""
    if not (event.is_online and registration.is_confirmed):
        return {"joining_url": "", "joining_note": ""}
    target = registration.target
    return {
        "joining_url": event.joining_url or target.joining_url,
        "joining_note": event.joining_note or target.joining_note,
    }


def queue_upcoming(kind):
    """The function that queues the reminder (or the day-of mail) for a session."""

    def queue_mail(session):
        event, registration = session.event, session.registration
        return mail.queue(
            registration,
            kind,
            subject=SUBJECTS[kind],
            event=event,
            when=when_text(event),
            **_joining(event, registration),
        )

    return queue_mail


def reminder_due(session, today, days):
    """The reminder goes from the day ``days`` before the event's date until it starts, to
    registrants confirmed before that day (one confirmed later has just had the mail with the
    details). An online event's registrants get the day-of mail instead on the day itself."""
    event = session.event
    start_date = timezone.localdate(event.starts_at)
    reminder_day = start_date - datetime.timedelta(days=days)
    if today < reminder_day:
        return False
    if event.is_online and today == start_date:
        return False
    return session.registration.status_changed_at < _day_start(reminder_day)


def day_of_due(session, today):
    """On an online (or hybrid) event's date until it ends, with the joining URL; not to those
    confirmed that day (their mail of the day carries it)."""
    event = session.event
    return (
        event.is_online
        and timezone.localdate(event.starts_at) == today
        and session.registration.status_changed_at < _day_start(today)
    )


def due_reminders(now=None, days=None):
    """[(kind, session)] of the reminders and day-of mails due at ``now`` and not yet sent."""
    now = now or timezone.now()
    days = SiteSettings.load().registration_reminder_days if days is None else days
    today = timezone.localdate(now)
    horizon = _day_start(today + datetime.timedelta(days=days + 1))
    upcoming = registered_sessions(
        registration__status=RegistrationStatus.CONFIRMED,
        event__state=Event.State.SCHEDULED,
        event__starts_at__lt=horizon,
        event__ends_at__gt=now,
    ).order_by("event__starts_at", "pk")
    due = [
        (Kind.REMINDER, session)
        for session in without_notice(upcoming.filter(event__starts_at__gt=now), Kind.REMINDER)
        if reminder_due(session, today, days)
    ]
    due += [
        (Kind.DAY_OF, session)
        for session in without_notice(upcoming, Kind.DAY_OF)
        if day_of_due(session, today)
    ]
    return due


def queue_reminders(now=None, days=None):
    """Queue the reminders and day-of mails due at ``now``; {kind: number queued}. Idempotent:
    run it as often as you like, each registrant gets each once."""
    queue_mail = {
        Kind.REMINDER: queue_upcoming(MailKind.REMINDER),
        Kind.DAY_OF: queue_upcoming(MailKind.DAY_OF),
    }
    counts = {Kind.REMINDER: 0, Kind.DAY_OF: 0}
    for kind, session in due_reminders(now, days):
        counts[kind] += deliver_once(session, kind, queue_mail[kind])
    return counts


# --- changes to an event -------------------------------------------------------------------


def _copy_of(stored):
    """An unsaved Event with the stored values, to describe it as it was."""
    return Event(**{name: stored[name] for name in NOTICE_FIELDS})


def _or_none(text):
    return text or "なし"


def describe_changes(before, after):
    """[(what, before, after)] as registrants read them; empty when nothing they would see
    changed (a time moved by seconds, an address retyped the same)."""
    rows = [
        ("日時", when_text(before), when_text(after)),
        ("開催形式", before.get_format_display(), after.get_format_display()),
        ("会場", _or_none(before.venue_text), _or_none(after.venue_text)),
        ("オンライン", _or_none(before.online_text), _or_none(after.online_text)),
        ("開催状況", before.get_state_display(), after.get_state_display()),
    ]
    return [(what, old, new) for what, old, new in rows if old != new]


def headline(changes, event):
    """The subject's words: 中止 and 延期 first, then what changed."""
    if event.is_cancelled and any(what == "開催状況" for what, _, _ in changes):
        return "開催中止のお知らせ"
    if event.is_postponed and any(what == "開催状況" for what, _, _ in changes):
        return "開催延期のお知らせ"
    changed = {what for what, _, _ in changes}
    if changed == {"日時"}:
        return "開催日時の変更のお知らせ"
    if changed <= {"会場", "開催形式", "オンライン"}:
        return "開催場所の変更のお知らせ"
    return "開催内容の変更のお知らせ"


def queue_change_notices(event, stored, now=None):
    """Tell every registrant (確定 and キャンセル待ち) of ``event`` what changed from ``stored``
    (the row's values before the save); returns how many notices were queued. Nothing for an
    event that was over before and after the change."""
    now = now or timezone.now()
    if max(stored["ends_at"], event.ends_at) <= now:
        return 0
    changes = describe_changes(_copy_of(stored), event)
    if not changes or event.sequence == stored["sequence"]:
        return 0
    subject = headline(changes, event)

    def queue_mail(session):
        registration = session.registration
        return mail.queue(
            registration,
            MailKind.EVENT_CHANGED,
            subject=subject,
            event=event,
            changes=changes,
            headline=subject.removesuffix("のお知らせ"),
            **_joining(event, registration),
        )

    sessions = without_notice(
        registered_sessions(event=event, registration__status__in=ACTIVE_STATUSES),
        Kind.CHANGE,
        event.sequence,
    ).order_by("registration__registered_at", "pk")
    return sum(
        deliver_once(session, Kind.CHANGE, queue_mail, event.sequence) for session in sessions
    )


def remember_stored(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of Event: keep the stored values of the noticed fields on the instance."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(NOTICE_FIELDS):
        return
    instance._stored_for_notices = (
        sender.objects.filter(pk=instance.pk).values("sequence", *NOTICE_FIELDS).first()
    )


def announce_changes(sender, instance, created, raw=False, **kwargs):
    """post_save of Event: queue the change notices in the save's own transaction."""
    stored = instance.__dict__.pop("_stored_for_notices", None)
    if created or raw or stored is None:
        return
    queued = queue_change_notices(instance, stored)
    if queued:
        logger.info("Event %s changed: %s change notices queued", instance.pk, queued)


def connect():
    pre_save.connect(remember_stored, sender=Event, dispatch_uid="registrations-notices-stored")
    post_save.connect(announce_changes, sender=Event, dispatch_uid="registrations-notices-changed")
