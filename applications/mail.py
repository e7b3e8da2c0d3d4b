"""The application's mails, through the portal's one outbox (``core.outbox``): a message is stored
in the same transaction as the change that causes it, and the worker (``manage.py run_worker``)
sends it, never the request that queued it."""

import datetime
import logging

from django.conf import settings
from django.template.loader import render_to_string

from core import outbox
from pages.models import SiteSettings

from . import sections
from .models import OutboxMessage

logger = logging.getLogger(__name__)

REVIEW_PERMISSION = "applications.review_application"
Kind = OutboxMessage.Kind

STATUS_MAILS = {
    Kind.APPROVED: ("承認のお知らせ", "applications/mail/approved.txt"),
    Kind.RETURNED: ("申込み内容の修正のお願い", "applications/mail/returned.txt"),
    Kind.REJECTED: ("審査結果のお知らせ", "applications/mail/rejected.txt"),
    Kind.WITHDRAWN: ("申込みの取下げを受け付けました", "applications/mail/withdrawn.txt"),
}


def applicant_recipients(application):
    recipients = [application.email]
    if application.contact_email and application.contact_email != application.email:
        recipients.append(application.contact_email)
    return recipients


# The stored body holds this mark where the applicant's status link goes; the live link (which
# can download the PDFs and withdraw the application) is made when the mail is sent
# (``core.outbox``, the link registered in ApplicationsConfig.ready), so neither the outbox table
# nor the staff who read it in the admin ever see it.
STATUS_LINK_MARK = outbox.LINK_MARK
STATUS_LINK_SHOWN_AS = "（状態確認用リンク：送信時に差し込むため表示しません）"

# One outbox for the whole portal (core.outbox); these names keep the review code short.
send = outbox.send
body_to_send = outbox.body_to_send
retry_delay = outbox.retry_delay


def body_for_staff(message) -> str:
    return body_for_staff_text(message.body)


def body_for_staff_text(body) -> str:
    return outbox.body_for_staff(body, STATUS_LINK_SHOWN_AS)


def _context(application, **extra):
    return {
        "application": application,
        "status_url": STATUS_LINK_MARK,
        "site_settings": SiteSettings.load(),
        "site_url": settings.SITE_URL,
        **extra,
    }


def _render(application, subject, template, context):
    """(subject, body) of a mail as it is stored in the outbox."""
    return (
        f"【NEXT TOHOKU MEETUP】{subject}（受付番号 {application.number}）",
        render_to_string(template, context),
    )


def _queue(application, kind, recipients, subject, template, context):
    subject, body = _render(application, subject, template, context)
    return outbox.queue(application, kind, recipients, subject, body)


def queue_received(version, resubmitted=False):
    """The acknowledgement to the applicant and the notification to the bureau."""
    application = version.application
    context = _context(application, version=version, resubmitted=resubmitted)
    messages = [
        _queue(
            application,
            Kind.ACKNOWLEDGEMENT,
            applicant_recipients(application),
            "修正版を受け付けました" if resubmitted else "申込みを受け付けました",
            "applications/mail/acknowledgement.txt",
            context,
        )
    ]
    notice = StaffNotice.RESUBMITTED if resubmitted else StaffNotice.RECEIVED
    staff_message = queue_staff_notice(application, notice, version=version)
    if staff_message is not None:
        messages.append(staff_message)
    return messages


def _status_context(application, comment="", published=True, fields=(), due=None):
    if isinstance(due, str):
        due = datetime.date.fromisoformat(due)
    return _context(
        application,
        comment=comment,
        published=published,
        correction_labels=sections.labels_of(fields),
        correction_due=due,
    )


def render_status(application, kind, **details):
    """(subject, body) of the mail a review step will send, without queuing it: the reviewer's
    confirmation step shows exactly this text. ``details``: comment, published, fields, due."""
    subject, template = STATUS_MAILS[kind]
    return _render(application, subject, template, _status_context(application, **details))


def queue_status(application, kind, **details):
    subject, template = STATUS_MAILS[kind]
    context = _status_context(application, **details)
    return _queue(application, kind, applicant_recipients(application), subject, template, context)


class StaffNotice:
    """What a staff notification announces: (outbox kind, subject, what happened)."""

    RECEIVED = (Kind.NOTIFICATION, "新しい申込みがありました", "新しい申込みを受け付けました。")
    RESUBMITTED = (
        Kind.NOTIFICATION,
        "修正版が提出されました",
        "差戻しに対する修正版が提出されました。",
    )
    WITHDRAWN = (
        Kind.WITHDRAWAL_NOTIFICATION,
        "申込みが取り下げられました",
        "申込みが取り下げられました。",
    )


def staff_recipients():
    """The bureau's notification address and the reviewers who chose to be notified."""
    from .models import ReviewerPreference

    recipients = []
    bureau = SiteSettings.load().notification_email
    if bureau:
        recipients.append(bureau)
    preferences = ReviewerPreference.objects.filter(
        notify=True, user__is_active=True
    ).select_related("user")
    for preference in preferences.order_by("user__pk"):
        user = preference.user
        if user.email and user.has_perm(REVIEW_PERMISSION) and user.email not in recipients:
            recipients.append(user.email)
    return recipients


def queue_staff_notice(application, notice, version=None):
    """One notification to staff: the 受付番号, the kind, what happened and the admin link; never
    the applicant's name, address, phone or e-mail."""
    recipients = staff_recipients()
    if not recipients:
        logger.warning("No staff notification recipients; %s not notified", application.number)
        return None
    kind, subject, happened = notice
    context = _context(
        application,
        version=version,
        happened=happened,
        late=bool(version is not None and version.submitted_late),
    )
    return _queue(
        application, kind, recipients, subject, "applications/mail/notification.txt", context
    )
