"""E-mail through one outbox: a message is stored in the same transaction as the change that
causes it, and the worker (``manage.py run_worker``) sends it, never the request that queued it. A
failing mail server loses nothing: the message stays unsent with its error and is retried with
back-off; after ``OUTBOX_ALERT_AFTER`` failures staff see it in the admin's list of mails that
could not be sent.

Each app that mails registers its kinds (``register_kinds``) and, when its mails carry a personal
link (the applicant's status page, the registrant's own page), the function that makes the link
from the row the mail is about (``register_link``). The stored body holds ``LINK_MARK`` where the
link goes; the live link is made when the mail is sent, so neither the outbox table nor the staff
who read it in the admin ever see it.
"""

import datetime
import logging
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

LINK_MARK = "[[status-link]]"
LINK_SHOWN_AS = "（ご本人用リンク：送信時に差し込むため表示しません）"

_kinds = {}  # code -> label
_links = {}  # model label -> function(owner) -> absolute URL
_attachments = {}  # model label -> function(owner, kind) -> [(filename, bytes, mimetype)]


def register_kinds(choices):
    """Add a ``TextChoices`` of mail kinds (codes must be unique across apps)."""
    for value, label in choices.choices:
        if _kinds.get(value, label) != label:
            raise ValueError(f"Outbox kind {value!r} is registered twice")
        _kinds[value] = label


def kind_choices():
    return sorted(_kinds.items())


def register_link(model, url_of):
    """``url_of(owner) -> str``: the personal link put into a mail about a row of ``model``."""
    _links[model._meta.label] = url_of


def register_attachments(model, files_of):
    """``files_of(owner, kind) -> [(filename, content, mimetype)]``: files made when a mail about
    a row of ``model`` is sent (e.g. the event's .ics, with the event as it is then)."""
    _attachments[model._meta.label] = files_of


def attachments_to_send(message):
    if message.owner_type_id is None:
        return []
    owner = message.owner
    files_of = _attachments.get(owner._meta.label) if owner is not None else None
    return list(files_of(owner, message.kind)) if files_of else []


def queue(owner, kind, recipients, subject, body):
    """Store one mail about ``owner`` (a model instance, or None); the worker sends it once the
    transaction has committed."""
    return OutboxMessage.objects.create(
        owner_type=ContentType.objects.get_for_model(owner) if owner is not None else None,
        owner_id=owner.pk if owner is not None else None,
        kind=kind,
        recipients=list(recipients),
        subject=subject,
        body=body,
    )


def body_to_send(message) -> str:
    if LINK_MARK not in message.body or message.owner_type_id is None:
        return message.body
    owner = message.owner
    url_of = _links.get(owner._meta.label) if owner is not None else None
    if url_of is None:
        return message.body.replace(LINK_MARK, "")
    return message.body.replace(LINK_MARK, url_of(owner))


def body_for_staff(body, shown_as=LINK_SHOWN_AS) -> str:
    return body.replace(LINK_MARK, shown_as)


def send(message) -> bool:
    """Send one queued message; on failure record the error and keep it for a retry."""
    try:
        email = EmailMessage(
            subject=message.subject,
            body=body_to_send(message),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=message.recipients,
        )
        for filename, content, mimetype in attachments_to_send(message):
            email.attach(filename, content, mimetype)
        email.send()
    except Exception as error:  # SMTP, socket and TLS errors alike: keep the message, log, retry
        message.attempts += 1
        message.last_error = f"{type(error).__name__}: {error}"[:1000]
        message.next_attempt_at = timezone.now() + retry_delay(message.attempts)
        message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        # The error text can name recipients; the log gets its type only (staff see the text).
        logger.warning(
            "Mail %s (%s) failed, attempt %s: %s",
            message.pk, message.kind, message.attempts, type(error).__name__,
        )  # fmt: skip
        return False
    message.attempts += 1
    message.sent_at = timezone.now()
    message.last_error = ""
    message.next_attempt_at = None
    message.save(update_fields=["attempts", "sent_at", "last_error", "next_attempt_at"])
    return True


def retry_delay(attempts) -> datetime.timedelta:
    """Back-off after the n-th failed attempt: base, 2×base, 4×base, … capped at one hour."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** (attempts - 1), 3600))


@contextmanager
def claim(queryset):
    """The first row of ``queryset`` that no other worker holds (or None), locked until exit.

    On PostgreSQL ``SELECT … FOR UPDATE SKIP LOCKED`` in a transaction that lasts while the item
    is worked on, so several workers share the queue and never send a mail twice. On SQLite
    (one worker) no transaction is held: it would take the database's only write lock."""
    if not connection.features.has_select_for_update_skip_locked:
        yield queryset.first()
        return
    with transaction.atomic():
        yield queryset.select_for_update(skip_locked=True, of=("self",)).first()


def send_next_mail() -> bool:
    """Send one due message of the outbox; False when none is due."""
    queryset = OutboxMessage.objects.due(timezone.now()).order_by("pk")
    with claim(queryset) as message:
        if message is None:
            return False
        send(message)  # records success or the error and the next attempt
    return True
