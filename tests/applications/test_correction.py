"""Issue 12, items 2 and 3: a 差戻し names fields and a 補正期限 (mail, status page, correction
form); a late correction is accepted and flagged; the admin compares the two versions."""

import datetime
import re

import pytest
from django.utils import timezone

from applications import links, review
from applications.models import OutboxMessage
from tests.accounts.factories import verified_login
from tests.factories import reviewer

from .factories import submit_application, submit_correction

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return reviewer(username="shinsa")


def due_in(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def returned(staff, fields=("address", "phone"), due=None):
    application = submit_application()
    return review.return_for_correction(
        application,
        staff,
        "住所と電話番号を確認してください。",
        fields=fields,
        due=due or due_in(20),
    )


def test_the_mail_and_the_status_page_show_both_fields_and_the_date(client, staff):
    application = returned(staff)
    due = due_in(20)
    date_text = f"{due.year}年{due.month}月{due.day}日"
    body = OutboxMessage.objects.get(kind=OutboxMessage.Kind.RETURNED).body
    assert "・町名・番地・建物名" in body and "・電話番号" in body and date_text in body
    assert "・メールアドレス" not in body  # only the named fields
    html = client.get(links.status_path(application)).content.decode()
    assert "修正をお願いしている項目: 町名・番地・建物名、電話番号" in html
    assert date_text in html


def test_the_correction_form_marks_the_named_fields(client, staff):
    application = returned(staff)
    client.get(f"{links.status_path(application)}correct/")
    html = client.get("/apply/").content.decode()
    marked = re.findall(
        r'<label[^>]*for="id_(\w+)"[^>]*>(?:(?!</label>).)*修正をお願いしている項目', html, re.S
    )
    assert sorted(marked) == ["address", "phone"]
    due = due_in(20)
    assert f"補正期限: {due.year}年{due.month}月{due.day}日" in html


def test_an_unnamed_field_cannot_be_asked_for(staff):
    application = submit_application()
    with pytest.raises(review.ReviewError):
        review.return_for_correction(application, staff, "理由", fields=["password"])
    application.refresh_from_db()
    assert application.status == "received"


@pytest.fixture
def bureau():
    from pages.models import SiteSettings

    site = SiteSettings.load()
    site.notification_email = "kikaku@example.go.jp"
    site.save()


def test_a_correction_on_time_is_not_flagged(staff, bureau):
    version = submit_correction(returned(staff), address="本町三丁目3番1号 B棟")
    assert version.submitted_late is False
    notice = (
        OutboxMessage.objects.filter(kind=OutboxMessage.Kind.NOTIFICATION).order_by("pk").last()
    )
    assert "修正版が提出されました" in notice.body or "修正版" in notice.body
    assert "補正期限" not in notice.body


def test_a_correction_after_the_deadline_is_accepted_and_flagged(staff, client, bureau):
    application = returned(staff, due=due_in(0))
    application.correction_due = timezone.localdate() - datetime.timedelta(days=1)
    application.save(update_fields=["correction_due"])
    version = submit_correction(application, address="本町三丁目3番1号 B棟")
    application.refresh_from_db()
    assert application.status == "received" and version.number == 2
    assert version.submitted_late is True
    assert application.logs.last().data.get("late") is True
    notice = (
        OutboxMessage.objects.filter(kind=OutboxMessage.Kind.NOTIFICATION).order_by("pk").last()
    )
    assert "補正期限" in notice.body and "過ぎてから提出" in notice.body
    verified_login(client, staff)
    html = client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    assert "補正期限後の提出" in html


def test_the_comparison_marks_exactly_the_changed_fields(client, staff):
    application = returned(staff, fields=("address", "phone"))
    submit_correction(
        application, address="本町三丁目3番1号 B棟", listing_introduction="新しい紹介文です。"
    )
    verified_login(client, staff)
    html = client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    section = html[html.index('id="review-compare"') :]
    changed = section[: section.index("<details>")]
    collapsed = section[section.index("<details>") : section.index("</details>")]
    assert re.findall(r'<tr class="changed" data-field="(\w+)"', changed) == [
        "address",
        "listing_introduction",
    ]
    assert "本町三丁目3番1号 B棟" in changed and "新しい紹介文です。" in changed
    assert "町名・番地・建物名（変更あり）" in section and "電話番号（変更なし）" in section
    assert 'data-field="phone"' in collapsed and "指定あり・変更なし" in collapsed
    assert 'data-field="name"' in collapsed


def test_no_comparison_before_a_correction(client, staff):
    application = submit_application()
    verified_login(client, staff)
    html = client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    assert 'id="review-compare"' not in html
    assert "審査履歴" in html  # control: the page rendered
