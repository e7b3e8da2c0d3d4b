"""Issue 12, item 4: a new application, a correction and a withdrawal each queue one staff
notification (the bureau's address and reviewers who opted in) with the 受付番号, the kind, what
happened and the admin link, never the applicant's name, address, phone or e-mail."""

import pytest

from applications import review
from applications.models import OutboxMessage, ReviewerPreference
from pages.models import SiteSettings
from tests.accounts.factories import verified_login
from tests.factories import content_editor, reviewer

from .factories import submit_application, submit_correction

pytestmark = pytest.mark.django_db
STAFF_KINDS = [OutboxMessage.Kind.NOTIFICATION, OutboxMessage.Kind.WITHDRAWAL_NOTIFICATION]
BUREAU = "kikaku@example.go.jp"


@pytest.fixture(autouse=True)
def bureau():
    site = SiteSettings.load()
    site.notification_email = BUREAU
    site.save()


def staff_notices():
    return list(OutboxMessage.objects.filter(kind__in=STAFF_KINDS).order_by("pk"))


def personal_values(application):
    return [
        application.name,
        application.listing_name,
        application.representative_name,
        application.contact_name,
        application.address,
        application.phone,
        application.email,
    ]


def assert_without_personal_data(message, application):
    values = personal_values(application)
    assert all(values)  # positive control: the application has each of them
    for value in values:
        assert value not in message.body and value not in message.subject
    assert application.number in message.body and application.number in message.subject
    assert f"/admin/applications/application/{application.pk}/change/" in message.body


def test_submitting_queues_one_notification(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application()
    [notice] = staff_notices()
    assert notice.recipients == [BUREAU]
    assert "新しい申込みを受け付けました。" in notice.body and "種別: 企業" in notice.body
    assert_without_personal_data(notice, application)
    # The acknowledgement to the applicant does carry the name (control for the check above).
    acknowledgement = OutboxMessage.objects.get(kind=OutboxMessage.Kind.ACKNOWLEDGEMENT)
    assert application.name in acknowledgement.body


def test_correcting_queues_one_notification():
    application = submit_application()
    review.return_for_correction(application, reviewer(), "住所を確認してください。")
    before = len(staff_notices())
    submit_correction(application, address="本町三丁目3番1号 B棟")
    application.refresh_from_db()
    notices = staff_notices()
    assert len(notices) == before + 1
    assert "修正版が提出されました" in notices[-1].subject
    assert "第2版" in notices[-1].body
    assert_without_personal_data(notices[-1], application)


def test_withdrawing_queues_one_notification(client):
    from applications import links

    application = submit_application()
    before = len(staff_notices())
    client.post(f"{links.status_path(application)}withdraw/", {"confirm": "yes"})
    application.refresh_from_db()
    assert application.status == "withdrawn"
    notices = staff_notices()
    assert len(notices) == before + 1
    assert notices[-1].kind == OutboxMessage.Kind.WITHDRAWAL_NOTIFICATION
    assert "申込みが取り下げられました。" in notices[-1].body
    assert_without_personal_data(notices[-1], application)


def test_reviewers_who_opt_in_are_notified_too():
    opted_in = reviewer(username="a", email="a@example.go.jp")
    reviewer(username="b", email="b@example.go.jp")  # did not opt in
    editor = content_editor(username="c", email="c@example.go.jp")
    ReviewerPreference.objects.create(user=opted_in, notify=True)
    ReviewerPreference.objects.create(user=editor, notify=True)  # not a reviewer
    submit_application()
    [notice] = staff_notices()
    assert notice.recipients == [BUREAU, "a@example.go.jp"]


def test_a_reviewer_sets_the_preference_in_japanese(client):
    staff = reviewer(username="shinsa", email="shinsa@example.go.jp")
    verified_login(client, staff)
    url = "/admin/applications/application/notifications/"
    html = client.get(url).content.decode()
    assert "申込みの通知メールを受け取る" in html and "shinsa@example.go.jp" in html
    client.post(url, {"notify": "on"})
    assert ReviewerPreference.objects.get(user=staff).notify is True
    client.post(url, {})
    assert ReviewerPreference.objects.get(user=staff).notify is False


def test_seed_demo_sets_a_notification_address():
    import json
    from pathlib import Path

    from django.conf import settings
    from django.core.management import call_command

    site = SiteSettings.load()
    site.notification_email = ""
    site.save()
    call_command("seed_demo", verbosity=0)
    fixture = json.loads((Path(settings.BASE_DIR) / "fixtures" / "pages.json").read_text())
    [row] = [item for item in fixture if item["model"] == "pages.sitesettings"]
    assert SiteSettings.load().notification_email == row["fields"]["notification_email"] != ""
