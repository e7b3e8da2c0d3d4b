"""Review steps: 審査開始, 承認, 差戻し, 却下 and 取下げ.

Each takes the same steps: guard the current state → ``transaction.atomic()`` with the row locked →
change and ``save(update_fields=…)`` → write a log entry (who, when, comment) → queue the mail, which
is sent after commit. 承認 also creates or updates the supporter's listing.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.publishing import PublicationStatus
from supporters.models import Supporter, approval_reason

from . import mail, sections
from .models import Application, ApplicationStatus, OutboxMessage

Status = ApplicationStatus


class ReviewError(Exception):
    """The step is not allowed now; the message is shown to the reviewer."""


ALLOWED_FROM = {
    "review.started": {Status.RECEIVED},
    "review.approved": {Status.IN_REVIEW},
    "review.returned": {Status.RECEIVED, Status.IN_REVIEW},
    "review.rejected": {Status.RECEIVED, Status.IN_REVIEW},
    "application.withdrawn": {Status.RECEIVED, Status.IN_REVIEW, Status.RETURNED},
}


# The default time an applicant has to send a correction after 差戻し.
CORRECTION_DAYS = 14


def default_correction_due(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=CORRECTION_DAYS)


def _transition(application, action, to_status, actor, comment="", data=None, before_save=None):
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in ALLOWED_FROM[action]:
            raise ReviewError(
                f"「{locked.get_status_display()}」の申込みには、この操作はできません。"
            )
        from_status = locked.status
        locked.status = to_status
        locked.status_changed_at = timezone.now()
        fields = ["status", "status_changed_at", "updated_at"]
        if before_save is not None:
            fields += before_save(locked)
        locked.save(update_fields=fields)
        locked.log(action, actor=actor, comment=comment, from_status=from_status, **(data or {}))
        kind = {
            Status.APPROVED: OutboxMessage.Kind.APPROVED,
            Status.RETURNED: OutboxMessage.Kind.RETURNED,
            Status.REJECTED: OutboxMessage.Kind.REJECTED,
            Status.WITHDRAWN: OutboxMessage.Kind.WITHDRAWN,
        }.get(to_status)
        if kind:
            mail.queue_status(locked, kind, comment=comment, **(data or {}))
        if to_status == Status.WITHDRAWN:
            mail.queue_staff_notice(locked, mail.StaffNotice.WITHDRAWN)
    return locked


def start_review(application, reviewer, comment=""):
    return _transition(application, "review.started", Status.IN_REVIEW, reviewer, comment)


def approve(application, reviewer, comment="", publish=True):
    """承認: create or update the supporter listing from the application's listing fields, and
    publish it unless the reviewer keeps it as a draft."""

    def link_supporter(locked):
        supporter = listing_from(locked, publish=publish, reviewer=reviewer)
        locked.supporter = supporter
        return ["supporter"]

    return _transition(
        application, "review.approved", Status.APPROVED, reviewer, comment,
        data={"published": publish}, before_save=link_supporter,
    )  # fmt: skip


def return_for_correction(application, reviewer, comment, fields=(), due=None):
    """差戻し with the reason, the fields to correct (names of sections.correctable_fields) and
    the 補正期限 (default: CORRECTION_DAYS from today)."""
    if not (comment or "").strip():
        raise ReviewError("差戻しの理由（コメント）を入力してください。")
    known = {name for name, _label in sections.correctable_fields()}
    if set(fields) - known:
        raise ReviewError("修正を求める項目は、申込みフォームの項目から選んでください。")
    due = due or default_correction_due()
    if due < timezone.localdate():
        raise ReviewError("補正期限には今日以降の日付を指定してください。")
    chosen = [name for name, _label in sections.correctable_fields() if name in set(fields)]

    def mark_fields(locked):
        locked.correction_fields = chosen
        locked.correction_due = due
        return ["correction_fields", "correction_due"]

    return _transition(
        application, "review.returned", Status.RETURNED, reviewer, comment.strip(),
        data={"fields": chosen, "due": due.isoformat()}, before_save=mark_fields,
    )  # fmt: skip


def reject(application, reviewer, comment=""):
    if not (comment or "").strip():
        raise ReviewError("却下の理由（コメント）を入力してください。")
    return _transition(application, "review.rejected", Status.REJECTED, reviewer, comment.strip())


def withdraw(application, actor=None, comment=""):
    """取下げ, by the applicant on the status page (actor None) or by a reviewer."""
    return _transition(application, "application.withdrawn", Status.WITHDRAWN, actor, comment)


def existing_listing(application):
    """The listing that 承認 would update (None: it creates a new one)."""
    return _existing_supporter(application)


def _existing_supporter(application):
    if application.supporter_id:
        return Supporter.objects.filter(pk=application.supporter_id).first()
    if application.corporate_number:
        return Supporter.objects.filter(
            corporate_number=application.corporate_number, is_sample=False
        ).first()
    return None


def listing_from(application, *, publish=True, reviewer=None):
    """Create or update the Supporter listing from the application's listing fields. A new
    listing gets its readable URL name from the reading (Supporter.save); for individuals the
    municipality and website stay unpublished until the person agrees to show them."""
    supporter = _existing_supporter(application)
    if supporter is None:
        supporter = Supporter(joined_on=timezone.localdate())
    supporter.name = application.listing_name
    supporter.reading = application.listing_reading
    supporter.kind = application.kind
    supporter.prefecture = application.prefecture
    supporter.municipality = application.municipality
    supporter.introduction = application.listing_introduction
    supporter.website = application.website
    supporter.corporate_number = application.corporate_number
    supporter.is_sample = False
    supporter.status = PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
    if application.logo:
        # A published logo is a public file: copy the consented image out of private storage;
        # Supporter.save stores it under the listing's name and makes its renditions.
        with application.logo.open("rb") as handle:
            supporter.logo = ContentFile(
                handle.read(), name=application.logo.name.rsplit("/", 1)[-1]
            )
    # コンテンツ編集者 see this entry of the listing's history without the 受付番号.
    supporter._change_reason = approval_reason(application.number)
    supporter.save()
    supporter.categories.set(list(application.categories.all()))
    return supporter
