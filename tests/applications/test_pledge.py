"""The pledge is content: versions with an effective date, maintained in the admin; each
application records the version it agreed to, and its wording never changes afterwards."""

import datetime

import pytest
from django.utils import timezone

from applications.models import PledgeVersion
from tests.accounts.factories import verified_login
from tests.factories import content_editor, reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db


def test_the_first_version_comes_from_the_migration():
    pledge = PledgeVersion.objects.current()
    assert pledge.title == "暴力団排除に関する誓約書"
    assert "暴力団員" in pledge.text and "社会的に非難されるべき関係" in pledge.text


def test_the_current_version_is_the_latest_in_force(client):
    today = timezone.localdate()
    newer = PledgeVersion.objects.create(text="新しい誓約文です。", effective_on=today)
    PledgeVersion.objects.create(
        text="来月からの誓約文です。", effective_on=today + datetime.timedelta(days=30)
    )
    assert PledgeVersion.objects.current() == newer
    assert "新しい誓約文です。" in client.get("/apply/").content.decode()
    application = submit_application()
    assert application.pledge_version == newer
    assert application.versions.get().pledge_version == newer


def test_a_version_in_use_cannot_be_edited_or_deleted_in_the_admin(client):
    submit_application()
    pledge = PledgeVersion.objects.current()
    unused = PledgeVersion.objects.create(text="未使用", effective_on=datetime.date(2020, 1, 1))
    verified_login(client, reviewer())
    url = f"/admin/applications/pledgeversion/{pledge.pk}/change/"
    response = client.post(url, {"title": "改変", "effective_on": "2021-03-01", "text": "改変"})
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.text != "改変"
    assert client.get(f"/admin/applications/pledgeversion/{unused.pk}/change/").status_code == 200
    assert (
        client.post(
            f"/admin/applications/pledgeversion/{pledge.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )


def test_content_editors_do_not_maintain_the_pledge(client):
    client.force_login(content_editor())
    assert client.get("/admin/applications/pledgeversion/").status_code == 403
