"""Retention: registrants' personal data is deleted SiteSettings.registration_retention_days
(default 365) after the last session of what they registered for, by the hourly retention
command (``apply_retention``, through ``core.retention``). The row stays as an anonymous
statistic: number, event or programme, status, channel, dates, 知ったきっかけ and attendance."""

from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage
from pages.models import SiteSettings

from .models import Registration


def anonymise(registration):
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.personal_data_deleted_at is not None:
            return False
        for name, blank in Registration.PERSONAL_FIELDS.items():
            setattr(locked, name, blank)
        locked.submission_token = None
        locked.personal_data_deleted_at = timezone.now()
        locked.save(
            update_fields=[*Registration.PERSONAL_FIELDS, "submission_token",
                           "personal_data_deleted_at", "updated_at"]
        )  # fmt: skip
        locked.outbox.all().delete()
        # The survey mails, which are about the sessions attended.
        OutboxMessage.objects.filter(registration_session__registration=locked).delete()
        locked.logs.update(comment="", data={})
        locked.log("retention.anonymised")
    return True


def run(dry_run=False, now=None):
    """The registered retention task: (count, summary)."""
    days = SiteSettings.load().registration_retention_days
    due = list(Registration.objects.due_for_retention(days, now))
    if dry_run:
        return len(due), f"{len(due)} registrations older than {days} days would be anonymised"
    count = sum(anonymise(registration) for registration in due)
    return count, f"{count} registrations anonymised (events ended more than {days} days ago)"
