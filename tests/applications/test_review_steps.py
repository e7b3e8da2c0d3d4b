"""Issue 12, item 1: 承認, 差戻し and 却下 open a confirmation step that shows what will happen
(the listing, the applicant's mail) and change nothing before 確定; 却下 needs a reason."""

import datetime
import re

import pytest
from django.utils import timezone

from applications import review
from applications.models import ApplicationLog, ApplicationStatus, OutboxMessage
from core.publishing import PublicationStatus
from supporters.models import Supporter
from tests.accounts.factories import verified_login
from tests.factories import reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db
Status = ApplicationStatus


@pytest.fixture
def staff():
    return reviewer(username="shinsa")


@pytest.fixture
def in_review(staff):
    return review.start_review(submit_application(), staff)


def step_url(application, step):
    return f"/admin/applications/application/{application.pk}/review/{step}/"


def unchanged(application, status):
    application.refresh_from_db()
    return (
        application.status == status
        and not OutboxMessage.objects.exclude(kind__in=["acknowledgement", "notification"]).exists()
        and not ApplicationLog.objects.filter(action__startswith="review.")
        .exclude(action="review.started")
        .exists()
    )


def mail_text(html):
    return re.search(r'<pre class="review-mail"[^>]*>(.*?)</pre>', html, re.S).group(1)


def test_reject_without_a_reason_is_refused_in_japanese(client, staff, in_review):
    verified_login(client, staff)
    response = client.post(step_url(in_review, "reject"), {"comment": "  ", "confirm": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "却下の理由を入力してください。" in html
    assert 'aria-invalid="true"' in html
    assert unchanged(in_review, Status.IN_REVIEW)
    # Positive control: with a reason, the same request rejects.
    client.post(step_url(in_review, "reject"), {"comment": "対象地域外のため", "confirm": "1"})
    in_review.refresh_from_db()
    assert in_review.status == Status.REJECTED


def test_reject_service_needs_a_reason(staff, in_review):
    with pytest.raises(review.ReviewError, match="却下の理由"):
        review.reject(in_review, staff, "")
    assert review.reject(in_review, staff, "対象外").status == Status.REJECTED


def test_approve_changes_nothing_until_confirmed_and_shows_listing_and_mail(
    client, staff, in_review
):
    verified_login(client, staff)
    form = client.get(step_url(in_review, "approve")).content.decode()
    assert "内容とメールを確認する" in form
    response = client.post(step_url(in_review, "approve"), {"comment": "ようこそ", "preview": "1"})
    html = response.content.decode()
    assert unchanged(in_review, Status.IN_REVIEW)
    assert not Supporter.objects.exists()
    assert "承認と同時に公開します" in html
    assert "東北の若者と企業をつなぐ会社です。" in html  # the listing as it will appear
    text = mail_text(html)
    assert "ようこそ" in text and "本日、サポーターズ紹介ページに掲載しました。" in text
    assert "準備ができ次第" not in text
    assert "承認を確定する" in html

    client.post(step_url(in_review, "approve"), {"comment": "ようこそ", "confirm": "1"})
    in_review.refresh_from_db()
    assert in_review.status == Status.APPROVED
    assert in_review.supporter.status == PublicationStatus.PUBLISHED
    sent = OutboxMessage.objects.get(kind=OutboxMessage.Kind.APPROVED)
    assert "本日、サポーターズ紹介ページに掲載しました。" in sent.body


def test_approval_kept_as_draft_says_it_is_published_after_review(client, staff, in_review):
    verified_login(client, staff)
    data = {"comment": "", "keep_draft": "on"}
    html = client.post(step_url(in_review, "approve"), {**data, "preview": "1"}).content.decode()
    assert "下書きとして作成し、公開しません" in html
    assert "事務局で確認したうえで公開します" in mail_text(html)
    assert unchanged(in_review, Status.IN_REVIEW)
    client.post(step_url(in_review, "approve"), {**data, "confirm": "1"})
    in_review.refresh_from_db()
    assert in_review.supporter.status == PublicationStatus.DRAFT
    body = OutboxMessage.objects.get(kind=OutboxMessage.Kind.APPROVED).body
    assert "事務局で確認したうえで公開します" in body and "本日" not in body


def test_reject_confirmation_shows_the_mail_with_the_reason(client, staff, in_review):
    verified_login(client, staff)
    html = client.post(
        step_url(in_review, "reject"), {"comment": "対象地域外のため", "preview": "1"}
    ).content.decode()
    assert unchanged(in_review, Status.IN_REVIEW)
    text = mail_text(html)
    assert "承認を見送る" in text and "対象地域外のため" in text
    assert "株式会社とうほく未来 様" in text
    # 入力に戻る keeps what was typed and still changes nothing.
    back = client.post(
        step_url(in_review, "reject"), {"comment": "対象地域外のため", "edit": "1"}
    ).content.decode()
    assert "対象地域外のため</textarea>" in back
    assert unchanged(in_review, Status.IN_REVIEW)


def test_return_confirmation_shows_fields_due_date_and_mail(client, staff, in_review):
    verified_login(client, staff)
    due = timezone.localdate() + datetime.timedelta(days=20)
    data = {
        "comment": "番地を確認してください",
        "fields": ["address", "phone"],
        "due": due.isoformat(),
    }
    html = client.post(step_url(in_review, "return"), {**data, "preview": "1"}).content.decode()
    assert unchanged(in_review, Status.IN_REVIEW)
    text = mail_text(html)
    assert "・町名・番地・建物名" in text and "・電話番号" in text
    assert f"{due.year}年{due.month}月{due.day}日" in text
    client.post(step_url(in_review, "return"), {**data, "confirm": "1"})
    in_review.refresh_from_db()
    assert in_review.status == Status.RETURNED
    assert in_review.correction_fields == ["address", "phone"] and in_review.correction_due == due


def test_return_form_defaults_the_due_date_to_fourteen_days(client, staff, in_review):
    verified_login(client, staff)
    html = client.get(step_url(in_review, "return")).content.decode()
    due = timezone.localdate() + datetime.timedelta(days=14)
    assert f'value="{due.isoformat()}"' in html
    refused = client.post(step_url(in_review, "return"), {"comment": "", "preview": "1"})
    assert "差戻しの理由を入力してください。" in refused.content.decode()
    assert unchanged(in_review, Status.IN_REVIEW)


def test_steps_not_allowed_now_redirect_with_a_message(client, staff):
    application = submit_application()  # 受付: 承認 needs 審査開始 first
    verified_login(client, staff)
    response = client.post(step_url(application, "approve"), {"confirm": "1"}, follow=True)
    assert "「承認」はできません" in response.content.decode()
    assert unchanged(application, Status.RECEIVED)
    assert client.get(step_url(application, "return")).status_code == 200  # control


def test_content_editors_cannot_open_a_step(client):
    from tests.factories import content_editor

    application = submit_application()
    client.force_login(content_editor())
    assert client.get(step_url(application, "reject")).status_code == 404
