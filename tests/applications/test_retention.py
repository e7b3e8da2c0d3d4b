"""Retention: personal data of rejected and withdrawn applications goes after the period; an
anonymised row stays for statistics."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications import pdf, review
from applications.models import Application, ApplicationStatus, OutboxMessage
from tests.factories import reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db


def decided(status, days_ago, **overrides):
    application = submit_application(**overrides)
    pdf.generate(application.versions.get())
    if status == ApplicationStatus.REJECTED:
        review.reject(application, reviewer(), "対象外です。")
    elif status == ApplicationStatus.WITHDRAWN:
        review.withdraw(application)
    elif status == ApplicationStatus.APPROVED:
        staff = reviewer()
        review.start_review(application, staff)
        review.approve(application, staff)
    Application.objects.filter(pk=application.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    application.refresh_from_db()
    return application


def run(*args):
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_old_rejected_and_withdrawn_applications_are_anonymised(
    settings, django_capture_on_commit_callbacks
):
    settings.APPLICATION_RETENTION_DAYS = 30
    old_rejected = decided(ApplicationStatus.REJECTED, 40, prefecture="07")
    old_withdrawn = decided(ApplicationStatus.WITHDRAWN, 31)
    recent = decided(ApplicationStatus.REJECTED, 10)
    approved = decided(ApplicationStatus.APPROVED, 400)
    pdf_path = old_rejected.versions.get().application_pdf.path

    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "apply_retention: 2 applications anonymised" in output

    old_rejected.refresh_from_db()
    assert old_rejected.personal_data_deleted_at is not None
    assert old_rejected.name == "（削除済み）"
    assert old_rejected.email == "" and old_rejected.phone == "" and old_rejected.address == ""
    assert not old_rejected.versions.exists()
    assert not OutboxMessage.objects.filter(application=old_rejected).exists()
    assert all(log.comment == "" for log in old_rejected.logs.all())
    assert not __import__("os").path.exists(pdf_path)
    # What stays is statistics: number, kind, prefecture and group, categories, status, dates.
    assert (old_rejected.kind, old_rejected.prefecture, old_rejected.group) == (
        "company",
        "07",
        "fukushima",
    )
    assert old_rejected.categories.count() == 2
    assert old_rejected.status == ApplicationStatus.REJECTED
    assert old_rejected.number.startswith("NTM-")

    old_withdrawn.refresh_from_db()
    assert old_withdrawn.personal_data_deleted_at is not None
    for untouched in (recent, approved):
        untouched.refresh_from_db()
        assert untouched.personal_data_deleted_at is None
        assert untouched.email == "info@example.jp"


def test_dry_run_changes_nothing(settings):
    settings.APPLICATION_RETENTION_DAYS = 30
    application = decided(ApplicationStatus.REJECTED, 40)
    output = run("--dry-run")
    assert f"would anonymise {application.number}" in output
    assert "1 applications older than 30 days" in output
    application.refresh_from_db()
    assert application.personal_data_deleted_at is None


def test_days_option_overrides_the_setting():
    application = decided(ApplicationStatus.WITHDRAWN, 5)
    assert "0 applications anonymised" in run()
    assert "1 applications anonymised" in run("--days", "3")
    application.refresh_from_db()
    assert application.personal_data_deleted_at is not None


def test_anonymised_application_status_link_is_gone(client):
    from applications import links

    application = decided(ApplicationStatus.REJECTED, 400)
    path = links.status_path(application)
    run()
    assert client.get(path).status_code == 404
