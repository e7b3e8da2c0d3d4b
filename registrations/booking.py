"""Registering, changing and cancelling: the steps that touch seats.

Every step takes the same shape: guard → ``transaction.atomic()`` with the event's row locked
(``select_for_update``; on SQLite the IMMEDIATE transaction holds the database's write lock) →
count the confirmed registrations and decide → save → one log call → mail queued in the outbox in
the same transaction → the event's counts (``confirmed_count``, ``waiting_count``) written under
the same lock and the page cache retired on commit. So 50 people registering at once for the
last seats never confirm more than the capacity, and a cancellation promotes exactly the first
person waiting.
"""

import uuid

from django.db import models, transaction
from django.utils import timezone

from core import numbering
from core.page_cache import content_changed

from . import mail
from .links import kind_of
from .models import (
    Channel,
    Registration,
    RegistrationCounter,
    RegistrationSession,
    RegistrationStatus,
    target_field,
)

Status = RegistrationStatus
PREFIX = "EVT"

# The personal fields a form may set (answers are set separately).
PERSONAL_FIELDS = [
    "name", "reading", "email", "phone", "organisation", "job_title", "referral", "needs",
]  # fmt: skip


class RegistrationError(Exception):
    """A step that cannot be taken now; the message is for the person (Japanese)."""


def format_number(year: int, sequence: int) -> str:
    """EVT-2026-00001; a year past 99,999 registrations simply gets more digits."""
    return f"{PREFIX}-{year}-{sequence:05d}"


def _lock(target):
    return type(target).objects.select_for_update().get(pk=target.pk)


def _sessions_of(target, chosen, now):
    """The events a registration for ``target`` covers: the event itself; for a programme all
    its sessions, or the ones chosen where sessions can be chosen."""
    if target._meta.model_name == "event":
        return [target]
    bookable = list(target.bookable_sessions(now))
    if target.sessions_selectable:
        chosen_pks = {event.pk for event in chosen or ()}
        bookable = [event for event in bookable if event.pk in chosen_pks]
    if not bookable:
        raise RegistrationError("申し込める回がありません。")
    return bookable


def _counts(target):
    """(confirmed, waiting) of the target, counted (inside the locked transaction)."""
    counts = Registration.objects.for_target(target).status_counts()
    return counts.get(Status.CONFIRMED, 0), counts.get(Status.WAITING, 0)


def _store_counts(target, counts=None):
    """Write the target's confirmed and waiting counts (inside the locked transaction; counted
    unless given) and retire the page cache, which shows them."""
    confirmed, waiting = counts if counts is not None else _counts(target)
    if (target.confirmed_count, target.waiting_count) != (confirmed, waiting):
        type(target).objects.filter(pk=target.pk).update(
            confirmed_count=confirmed, waiting_count=waiting
        )
        target.confirmed_count, target.waiting_count = confirmed, waiting
        content_changed()
    return confirmed


def _has_seat(target):
    if target.capacity is None:
        return True
    return Registration.objects.for_target(target).confirmed().count() < target.capacity


def register(
    target, data, *, answers=(), sessions=None, token=None, channel=Channel.WEB, actor=None,
    now=None,
):  # fmt: skip
    """Register a person for ``target`` (an event, or a programme: EventSeries): 確定 while
    seats are free, else キャンセル待ち. ``data``: the personal fields; ``answers``:
    [{"question", "label", "answer"}, …]; ``sessions``: the sessions chosen, where a programme
    lets people choose; ``token``: the form's submission token, so that a form sent twice
    registers once. Staff (``actor``) may register after the deadline (a phone registration)."""
    now = now or timezone.now()
    with transaction.atomic():
        if token is not None:
            existing = Registration.objects.filter(submission_token=token).first()
            if existing is not None:
                return existing
        target = _lock(target)
        if not target.registers_here:
            raise RegistrationError("このイベントはこのサイトでの参加申込みを受け付けていません。")
        if actor is None and target.registration_stopped(now):
            raise RegistrationError("このイベントの参加申込みの受付は終了しました。")
        covered = _sessions_of(target, sessions, now)
        confirmed, waiting = _counts(target)
        has_seat = target.capacity is None or confirmed < target.capacity
        status = Status.CONFIRMED if has_seat else Status.WAITING
        year, sequence = numbering.take_next(RegistrationCounter)
        registration = Registration(
            number=format_number(year, sequence),
            year=year,
            sequence=sequence,
            status=status,
            channel=channel,
            registered_at=now,
            status_changed_at=now,
            submission_token=token,
            answers=list(answers),
            privacy_consented_at=now,
            **{name: data.get(name) or "" for name in PERSONAL_FIELDS},
        )
        setattr(registration, target_field(target), target)
        registration.save()
        RegistrationSession.objects.bulk_create(
            RegistrationSession(registration=registration, event=event) for event in covered
        )
        action = (
            "registration.confirmed" if status == Status.CONFIRMED else "registration.waitlisted"
        )
        if channel == Channel.STAFF:
            action = "registration.added_by_staff"
        registration.log(action, actor=actor)
        # The newest person waiting is the last: position = the number waiting, this one too.
        position = None if has_seat else waiting + 1
        mail.queue_registered(registration, sessions=covered, position=position)
        _store_counts(target, (confirmed + 1, waiting) if has_seat else (confirmed, waiting + 1))
    return registration


def change_answers(registration, data, *, answers=None, sessions=None, actor=None, now=None):
    """The registrant (or staff) changes their details, answers and, where a programme lets
    them choose, their sessions (a session already attended stays); a confirmation is mailed."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.is_cancelled:
            raise RegistrationError("キャンセルした申込みは変更できません。")
        sessions_changed = sessions is not None and _change_sessions(locked, sessions, now)
        changed = [
            name for name in PERSONAL_FIELDS if (data.get(name) or "") != getattr(locked, name)
        ]
        for name in changed:
            setattr(locked, name, data.get(name) or "")
        if answers is not None and list(answers) != locked.answers:
            locked.answers = list(answers)
            changed.append("answers")
        if not changed and not sessions_changed:
            return locked
        locked.save(update_fields=[*changed, "updated_at"])
        if sessions_changed:
            changed.append("sessions")
        locked.log("registration.changed", actor=actor, fields=changed)
        mail.queue_changed(locked)
    return locked


def _change_sessions(registration, chosen, now):
    """Replace the sessions of a registration for a programme whose sessions can be chosen;
    sessions already started or attended stay. True when anything changed."""
    target = registration.target
    if kind_of(target) != "series" or not target.sessions_selectable:
        return False
    keep = set(
        registration.sessions.filter(
            models.Q(checked_in_at__isnull=False) | models.Q(event__starts_at__lte=now)
        ).values_list("event", flat=True)
    )
    wanted = {event.pk for event in _sessions_of(target, chosen, now)} | keep
    current = set(registration.sessions.values_list("event", flat=True))
    if wanted == current:
        return False
    registration.sessions.filter(event__in=current - wanted).delete()
    RegistrationSession.objects.bulk_create(
        RegistrationSession(registration=registration, event_id=pk) for pk in wanted - current
    )
    return True


def cancel(registration, *, actor=None, comment="", now=None):
    """Cancel a registration (by the registrant, or by staff on their behalf: ``actor``). A
    confirmed seat set free goes to the first person waiting, in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        target = _lock(registration.target)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.is_cancelled:
            raise RegistrationError("この申込みはすでにキャンセルされています。")
        previous = locked.status
        locked.status = Status.CANCELLED
        locked.status_changed_at = now
        locked.save(update_fields=["status", "status_changed_at", "updated_at"])
        action = (
            "registration.cancelled_by_staff" if actor is not None else "registration.cancelled"
        )
        locked.log(action, actor=actor, comment=comment, from_status=previous)
        mail.queue_cancelled(locked)
        _promote_waiting(target, now=now)
        _store_counts(target)
    return locked


def fill_free_seats(target, now=None):
    """Promote people waiting while seats are free (after staff raise the capacity); returns
    the registrations promoted."""
    if not target.registers_here:
        return []
    with transaction.atomic():
        target = _lock(target)
        promoted = _promote_waiting(target, now=now or timezone.now())
        _store_counts(target)
    return promoted


def _promote_waiting(target, now):
    """Inside the locked transaction: the first people waiting become 確定 while seats are free,
    each with a mail (sent once the transaction has committed)."""
    promoted = []
    if target.is_over(now):
        return promoted
    while _has_seat(target):
        first = Registration.objects.for_target(target).waiting().select_for_update().first()
        if first is None:
            break
        first.status = Status.CONFIRMED
        first.status_changed_at = now
        first.save(update_fields=["status", "status_changed_at", "updated_at"])
        first.log("registration.promoted", from_status=Status.WAITING)
        mail.queue_promoted(first)
        promoted.append(first)
    return promoted


def new_token():
    return uuid.uuid4()
