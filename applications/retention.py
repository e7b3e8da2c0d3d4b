"""Retention: personal data of rejected and withdrawn applications is deleted after a period
(``settings.APPLICATION_RETENTION_DAYS``; ``Application.objects.due_for_retention``). The row stays
as an anonymised statistic: number, kind, prefecture and group, categories, status and dates; the
personal fields are those ``sections`` marks so. (Logo drafts never sent: ``drafts.stale_logos``.)"""

from django.db import transaction
from django.utils import timezone

from . import sections
from .models import Application
from .storage import private_storage


def anonymise(application):
    """Delete the personal data of one application; returns the number of files removed."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.personal_data_deleted_at is not None:
            return 0
        files = [locked.logo.name] if locked.logo else []
        for version in locked.versions.all():
            files += [f.name for f in (version.application_pdf, version.pledge_pdf) if f]
        locked.versions.all().delete()
        locked.outbox.all().delete()
        locked.logs.update(comment="", data={})
        blanked = sections.blanked()
        for name, value in blanked.items():
            setattr(locked, name, value)
        locked.personal_data_deleted_at = timezone.now()
        locked.save(update_fields=[*blanked, "personal_data_deleted_at", "updated_at"])
        locked.log("retention.anonymised", files=len(files))
        transaction.on_commit(lambda: [private_storage.delete(name) for name in files])
    return len(files)
