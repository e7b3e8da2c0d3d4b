"""Check-in and attendance: 受付 at the desk and the 出席コード of an online session.

Attendance is recorded per session a registration covers (``RegistrationSession``). Both steps
take the house's shape: guard → ``transaction.atomic()`` with the session's row locked → save the
check-in fields → one log call. So two staff scanning the same code at once record it once, and the
second is told when it was recorded.

- At the desk, staff scan the registrant's QR code (the registration number signed with
  django.core.signing, so a scanned code is verified) or type the number as it is printed.
- An online session has a six-digit 出席コード that staff announce during the session; it is
  derived from the event (no one types or stores it) and is taken on the session's days only.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from core import qr
from core.normalise import HYPHENS
from events.models import Event

from .models import Registration, RegistrationSession, RegistrationStatus

SIGNING_SALT = "registrations.check-in"
CODE_SALT = "registrations.attendance-code"
CODE_DIGITS = 6

Method = RegistrationSession.CheckInMethod


class CheckInError(Exception):
    """A check-in refused; the message says why, in Japanese, for the desk or the registrant."""


class WrongCode(CheckInError):
    """A 出席コード that is not the session's (counted by the rate limit)."""


# --- the code on the registrant's page -----------------------------------------------------------


def signed_number(registration) -> str:
    """What the registrant's QR code holds: ``EVT-2026-00001:<signature>``."""
    return signing.Signer(salt=SIGNING_SALT).sign(registration.number)


_NUMBER = re.compile(r"^(?:EVT)?-?(\d{4})-?(\d{1,7})$")
_FOLD = str.maketrans(dict.fromkeys(HYPHENS, "-"))


def read_scan(text):
    """(year, sequence) from what the desk's field received: a scanned signed code (verified) or
    a typed number (「EVT-2026-00001」, 「evt－2026－1」, 「2026-00001」). Raises CheckInError."""
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD)
    text = re.sub(r"\s+", "", text)
    if not text:
        raise CheckInError("申込番号を入力するか、QRコードを読み取ってください。")
    if ":" in text:
        try:
            text = signing.Signer(salt=SIGNING_SALT).unsign(text)
        except signing.BadSignature:
            raise CheckInError(
                "QRコードを確認できませんでした。申込番号を入力して受付してください。"
            ) from None
    match = _NUMBER.match(text.upper())
    if not match:
        raise CheckInError("申込番号の形式ではありません（例: EVT-2026-00001）。")
    return int(match.group(1)), int(match.group(2))


# --- the 出席コード of an online session ---------------------------------------------------------


def attendance_code(event) -> str:
    """The session's six-digit 出席コード: derived from the event's calendar ID and the site's
    secret key, so staff can announce it and no one can guess it."""
    digest = salted_hmac(CODE_SALT, str(event.uid), algorithm="sha256").digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def takes_code(event) -> bool:
    """Online (and hybrid) sessions take a 出席コード."""
    return event.is_online


def takes_reception(event) -> bool:
    """Sessions at a venue (and hybrid ones) check people in at the desk."""
    return event.has_venue


def code_window(event):
    """(opens, closes): the 出席コード is taken on the session's days, from 0:00 on its first
    day to 24:00 on its last (Japan time)."""
    first = timezone.localtime(event.starts_at).date()
    last = timezone.localtime(event.ends_at - datetime.timedelta(microseconds=1)).date()
    opens = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    closes = timezone.make_aware(
        datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    )
    return opens, closes


def code_state(event, now=None):
    """ "before", "open" or "closed"."""
    now = now or timezone.now()
    opens, closes = code_window(event)
    if now < opens:
        return "before"
    return "open" if now < closes else "closed"


def _clean_code(text):
    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", text or "").translate(_FOLD))


# --- recording ---------------------------------------------------------------------------------


def _time(moment):
    return f"{timezone.localtime(moment):%H:%M}"


def _already(session):
    return f"既に受付済みです（{_time(session.checked_in_at)}）。"


def _mark(session, *, method, actor, now):
    session.checked_in_at = now
    session.checked_in_by = actor if actor is not None and actor.is_authenticated else None
    session.check_in_method = method
    session.save(update_fields=["checked_in_at", "checked_in_by", "check_in_method"])
    session.registration.log(
        "registration.checked_in",
        actor=actor,
        event=session.event_id,
        method=method,
    )


def check_in(event, scanned, *, actor, now=None):
    """受付 at the desk: mark the registration named by ``scanned`` (a scanned code or a typed
    number) present at ``event``. Returns the RegistrationSession; raises CheckInError for an
    unknown number, one that does not cover this session, one not confirmed (キャンセル待ち,
    キャンセル), or a second check-in (「既に受付済みです（HH:MM）」)."""
    year, sequence = read_scan(scanned)
    now = now or timezone.now()
    with transaction.atomic():
        session = (
            RegistrationSession.objects.select_for_update()
            .select_related("registration", "event")
            .filter(registration__year=year, registration__sequence=sequence, event=event)
            .first()
        )
        if session is None:
            if Registration.objects.filter(year=year, sequence=sequence).exists():
                raise CheckInError("この申込みは、この回の参加申込みではありません。")
            raise CheckInError("この申込番号の申込みは見つかりません。")
        status = session.registration.status
        if status == RegistrationStatus.CANCELLED:
            raise CheckInError("この申込みはキャンセルされています。受付できません。")
        if status == RegistrationStatus.WAITING:
            raise CheckInError("この申込みはキャンセル待ちです（参加は確定していません）。")
        if session.attended:
            raise CheckInError(_already(session))
        _mark(session, method=Method.RECEPTION, actor=actor, now=now)
    return session


@dataclass
class CodeResult:
    session: RegistrationSession
    already: bool  # recorded before, at session.checked_in_at

    @property
    def message(self):
        if self.already:
            return f"この回の出席は既に記録しています（{_time(self.session.checked_in_at)}）。"
        return f"出席を記録しました（{_time(self.session.checked_in_at)}）。"


def check_in_with_code(registration, event, code, *, now=None):
    """The registrant enters the 出席コード of an online session on their own page. Raises
    CheckInError when the registration is not confirmed, does not cover the session, the session
    takes no code, it is not the session's day, or the code is wrong."""
    now = now or timezone.now()
    if not registration.is_confirmed:
        raise CheckInError("参加が確定している申込みだけが出席を記録できます。")
    if not takes_code(event):
        raise CheckInError("この回は会場の受付で出席を記録します。")
    state = code_state(event, now)
    if state == "before":
        raise CheckInError("出席コードは開催日になってから入力できます。")
    if state == "closed":
        raise CheckInError("この回の出席コードの受付は終了しました。")
    if not constant_time_compare(_clean_code(code), attendance_code(event)):
        raise WrongCode("出席コードが違います。開催中に案内された6桁の数字を入力してください。")
    with transaction.atomic():
        session = (
            RegistrationSession.objects.select_for_update()
            .select_related("registration")
            .filter(registration=registration, event=event)
            .first()
        )
        if session is None:
            raise CheckInError("この回の参加申込みが見つかりません。")
        if session.attended:
            return CodeResult(session, already=True)
        _mark(session, method=Method.CODE, actor=None, now=now)
    return CodeResult(session, already=False)


# --- reading -----------------------------------------------------------------------------------


def with_attendance_counts(events):
    """Events annotated with ``expected`` (confirmed registrants) and ``attended`` (recorded
    present), in the same query."""
    confirmed = Q(registration_sessions__registration__status=RegistrationStatus.CONFIRMED)
    return events.annotate(
        expected=Count("registration_sessions", filter=confirmed),
        attended=Count(
            "registration_sessions",
            filter=Q(registration_sessions__checked_in_at__isnull=False),
        ),
    )


def sessions_with_registrations():
    """Events (single events and sessions of a programme) that registrations cover."""
    return Event.objects.filter(
        pk__in=RegistrationSession.objects.order_by().values("event").distinct()
    )


RECEPTION_PAST_DAYS = 14
RECEPTION_LIMIT = 20


def reception_choices(now=None):
    """The sessions the desk may choose from, as (today, upcoming, recent): today's sessions
    first, then those to come (soonest first), then those of the past two weeks (latest first)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    events = with_attendance_counts(sessions_with_registrations()).only(
        "title", "slug", "starts_at", "ends_at", "all_day", "format", "venue_name", "state"
    )
    today_events = list(events.filter(starts_at__lt=end, ends_at__gt=start).order_by("starts_at"))
    upcoming = list(events.filter(starts_at__gte=end).order_by("starts_at")[:RECEPTION_LIMIT])
    recent = list(
        events.filter(
            ends_at__lte=start, ends_at__gt=start - datetime.timedelta(days=RECEPTION_PAST_DAYS)
        ).order_by("-starts_at")[:RECEPTION_LIMIT]
    )
    return today_events, upcoming, recent


def recent_check_ins(event, limit=5):
    """The last check-ins at the desk for ``event``, newest first (for the desk to see)."""
    return (
        RegistrationSession.objects.filter(event=event, checked_in_at__isnull=False)
        .select_related("registration")
        .order_by("-checked_in_at", "-pk")[:limit]
    )


def attended_sessions(registration):
    """The sessions ``registration`` attended, in order."""
    return [
        session
        for session in registration.sessions.select_related("event").order_by(
            "event__starts_at", "pk"
        )
        if session.attended
    ]


# --- the registrant's page -----------------------------------------------------------------------


def for_registrant(registration, now=None):
    """What the registrant's own page shows about check-in (None unless confirmed): the QR code
    for the desk while an in-person session is still to come, and for each online session the
    state of its 出席コード ("before", "open", "closed") and whether attendance is recorded."""
    if not registration.is_confirmed:
        return None
    now = now or timezone.now()
    sessions = list(
        registration.sessions.select_related("event").order_by("event__starts_at", "pk")
    )
    in_person = [session for session in sessions if takes_reception(session.event)]
    online = [
        {"session": session, "event": session.event, "state": code_state(session.event, now)}
        for session in sessions
        if takes_code(session.event)
    ]
    shows_qr = any(
        not session.event.is_over(now) and not session.event.is_cancelled for session in in_person
    )
    if not (in_person or online):
        return None
    return {
        "qr": qr.svg_inline(
            signed_number(registration),
            label=f"受付用QRコード（申込番号 {registration.number}）",
        )
        if shows_qr
        else "",
        "in_person": in_person,
        "online": online,
    }
