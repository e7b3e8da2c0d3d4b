"""Creating an application from the confirmed answers: atomically and exactly once.

A one-time submission token is made when the 確認 page is shown and travels in its signed form.
The first POST with a token creates the application (number, row, version, log entry and queued
mails in one transaction); every later POST with the same token (double click, reload, back and
send again) finds that version and creates nothing. PDFs and mails are made by the worker
(``applications.worker``) after commit, never in the applicant's request, so a slow or failing
mail server or renderer neither delays nor loses the application.
"""

import logging
import os
import uuid
from dataclasses import dataclass

from django.core.files import File
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from supporters.models import Category

from . import drafts, mail, numbering, sections
from .models import Application, ApplicationStatus, ApplicationVersion, PledgeVersion
from .storage import private_storage

logger = logging.getLogger(__name__)


class SubmissionError(Exception):
    """The submission cannot be accepted (e.g. a correction for an application not returned)."""


@dataclass
class Result:
    version: ApplicationVersion
    created: bool

    @property
    def application(self):
        return self.version.application


def find(token):
    return (
        ApplicationVersion.objects.select_related("application")
        .filter(submission_token=token)
        .first()
    )


def submit(data, *, token, pledge_version_id, logo="", logo_name="", amend=None):
    """Create an application (or, with ``amend``, a corrected version of a returned one) from
    validated form data. Idempotent on ``token``."""
    token = uuid.UUID(str(token))
    existing = find(token)
    if existing is not None:
        return Result(existing, created=False)
    pledge = PledgeVersion.objects.get(pk=pledge_version_id)
    stored_logo = ""
    try:
        with transaction.atomic():
            existing = find(token)  # SQLite: the write lock is held now, so this is decisive
            if existing is not None:
                return Result(existing, created=False)
            version, stored_logo = _create(data, token, pledge, logo, logo_name, amend)
    except IntegrityError:
        # PostgreSQL: a concurrent request with the same token committed first.
        if stored_logo:
            private_storage.delete(stored_logo)
        existing = find(token)
        if existing is None:
            raise
        return Result(existing, created=False)
    return Result(version, created=True)


def _create(data, token, pledge, logo, logo_name, amend):
    now = timezone.now()
    if amend is None:
        year, sequence, number = numbering.take_next()
        application = Application(number=number, year=year, sequence=sequence, received_at=now)
        previous_status = ""
        version_number = 1
    else:
        application = Application.objects.select_for_update().get(pk=amend)
        if application.status != ApplicationStatus.RETURNED:
            raise SubmissionError("修正を受け付けられる状態ではありません。")
        previous_status = application.status
        version_number = application.versions.count() + 1
    # A correction after its 補正期限 is accepted, and flagged to staff.
    late = bool(
        amend and application.correction_due and timezone.localdate() > application.correction_due
    )

    _copy_answers(data, application)
    application.status = ApplicationStatus.RECEIVED
    application.status_changed_at = now
    application.pledge_version = pledge
    application.pledge_agreed_at = now
    application.privacy_consented_at = now

    stored_logo = ""
    if logo and logo != application.logo.name:
        with private_storage.open(logo, "rb") as handle:
            extension = os.path.splitext(logo)[1].lower()
            application.logo.save(
                f"{application.number}-v{version_number}{extension}", File(handle), save=False
            )
        stored_logo = application.logo.name
    elif not logo:
        application.logo = ""
        logo_name = ""
    application.save()
    application.categories.set(Category.objects.filter(code__in=data.get("categories", [])))

    version = ApplicationVersion.objects.create(
        application=application,
        number=version_number,
        submission_token=token,
        data={**data, "logo_name": logo_name},
        pledge_version=pledge,
        submitted_at=now,
        submitted_late=late,
    )
    application.log(
        "application.resubmitted" if amend else "application.received",
        from_status=previous_status,
        version=version_number,
        **({"late": True} if late else {}),
    )
    mail.queue_received(version, resubmitted=amend is not None)  # the worker renders the PDFs
    if drafts.is_draft_logo(logo):
        transaction.on_commit(lambda: private_storage.delete(logo))
    return version, stored_logo


def _copy_answers(data, application):
    """The asked fields onto the model; categories and the logo are stored apart."""
    for field in sections.asked_fields():
        if field.name in ("categories", "logo"):
            continue
        if isinstance(field.model_field, models.BooleanField):
            setattr(application, field.name, bool(data.get(field.name)))
        else:
            setattr(application, field.name, data.get(field.name, ""))
