"""Retention: personal data of rejected and withdrawn applications is deleted after a period
(``settings.APPLICATION_RETENTION_DAYS``). The row stays as an anonymised statistic: number, kind,
prefecture and group, categories, status and dates. (Logo drafts never sent: ``draft_logos``.)"""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Application, ApplicationStatus
from .storage import private_storage

RETAINED_STATUSES = [ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN]
DELETED = "（削除済み）"

# Personal fields and the value they get; everything else on the row is kept for statistics.
BLANKED = {
    "name": DELETED, "reading": "", "representative_title": "", "representative_name": "",
    "representative_reading": "", "corporate_number": "", "postal_code": "", "municipality": "",
    "address": "", "phone": "", "email": "", "website": "", "contact_department": "",
    "contact_name": "", "contact_reading": "", "contact_phone": "", "contact_email": "",
    "activity_summary": "", "supporter_plan": "", "listing_name": DELETED, "listing_reading": "",
    "listing_introduction": "", "pledge_signer": "",
}  # fmt: skip


def due(days, now=None):
    """Rejected or withdrawn applications whose decision is older than ``days``, not yet purged."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Application.objects.filter(
        status__in=RETAINED_STATUSES,
        status_changed_at__lt=cutoff,
        personal_data_deleted_at__isnull=True,
    ).order_by("pk")


def anonymise(application):
    """Delete the personal data of one application; returns the number of files removed."""
    files = [application.logo.name] if application.logo else []
    with transaction.atomic():
        for version in application.versions.all():
            files += [f.name for f in (version.application_pdf, version.pledge_pdf) if f]
        application.versions.all().delete()
        application.outbox.all().delete()
        application.logs.update(comment="", data={})
        for name, value in BLANKED.items():
            setattr(application, name, value)
        application.logo = ""
        application.personal_data_deleted_at = timezone.now()
        application.save()
        application.logs.create(action="retention.anonymised", data={"files": len(files)})
        transaction.on_commit(lambda: [private_storage.delete(name) for name in files])
    return len(files)
