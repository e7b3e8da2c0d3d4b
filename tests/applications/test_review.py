"""審査: state guards, history with reviewer/time/comment, mails, approval into the directory."""

import pytest
from django.core import mail as outbox_mail

from applications import review, worker
from applications.models import ApplicationStatus, OutboxMessage
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


def test_start_then_approve_publishes_the_supporter_in_its_group(staff):
    application = submit_application(prefecture="03", municipality="盛岡市")
    review.start_review(application, staff)
    application = review.approve(application, staff, comment="ようこそ")
    worker.run_once()
    assert application.status == Status.APPROVED
    supporter = application.supporter
    assert supporter.status == PublicationStatus.PUBLISHED
    assert supporter.group == "iwate"
    assert supporter.name == "株式会社とうほく未来"
    assert supporter.reading == "とうほくみらい"
    assert supporter.municipality == "盛岡市"
    assert supporter.kind == "company"
    assert sorted(supporter.categories.values_list("code", flat=True)) == [
        "learning",
        "relationship-population",
    ]
    assert Supporter.objects.live().filter(group="iwate").get() == supporter
    assert supporter.joined_on is not None
    assert [m.subject for m in outbox_mail.outbox if "承認" in m.subject]


def test_approve_can_keep_the_listing_as_draft(staff):
    application = submit_application()
    review.start_review(application, staff)
    application = review.approve(application, staff, publish=False)
    assert application.supporter.status == PublicationStatus.DRAFT
    assert not Supporter.objects.live().exists()


def test_approval_updates_the_existing_listing_of_the_same_corporation(staff):
    from supporters.validators import corporate_number_check_digit

    number = f"{corporate_number_check_digit('000012050002')}000012050002"
    first = submit_application(corporate_number=number)
    review.start_review(first, staff)
    first = review.approve(first, staff)
    second = submit_application(corporate_number=number, listing_name="とうほく未来（新）")
    review.start_review(second, staff)
    second = review.approve(second, staff)
    assert second.supporter_id == first.supporter_id
    assert Supporter.objects.count() == 1
    assert Supporter.objects.get().name == "とうほく未来(新)"  # NFKC


def test_logo_is_copied_to_the_public_listing(staff, client, settings):
    from .test_form import answers, png

    client.post("/apply/", {**answers(), "logo": png()})
    import re

    html = client.get("/apply/confirm/").content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    client.post("/apply/confirm/", {"payload": payload, "submit": "1"})
    from applications.models import Application

    application = Application.objects.get()
    assert application.logo.name.startswith("applications/logos/")
    review.start_review(application, staff)
    supporter = review.approve(application, staff).supporter
    assert supporter.logo.name.startswith("supporters/logos/")
    assert (settings.MEDIA_ROOT / supporter.logo.name).exists()


def test_approval_publishes_a_clean_copy_while_the_upload_stays_private(staff, client, settings):
    """Issue 10, item 4: the applicant's photo (EXIF with GPS, a polyglot tail) stays private as
    uploaded; the listing publishes only a re-encoded copy, with its renditions."""
    import os
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from applications.models import Application
    from tests.core.test_images import jpeg_with_gps_and_a_tail

    from .factories import answers

    raw = jpeg_with_gps_and_a_tail()
    client.post("/apply/", {**answers(), "logo": SimpleUploadedFile("photo.jpg", raw)})
    html = client.get("/apply/confirm/").content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    client.post("/apply/confirm/", {"payload": payload, "submit": "1"})
    application = Application.objects.get()
    assert application.logo.open("rb").read() == raw  # the upload as sent, in private storage
    assert not os.path.exists(settings.MEDIA_ROOT) or not any(os.scandir(settings.MEDIA_ROOT))

    review.start_review(application, staff)
    supporter = review.approve(application, staff).supporter
    public = open(supporter.logo.path, "rb").read()
    assert b"<script>" not in public and "山田".encode() not in public
    with Image.open(supporter.logo.path) as image:
        assert image.format == "JPEG" and not image.getexif()
    assert supporter.logo_small and supporter.logo_large and supporter.logo_width
    assert application.logo.open("rb").read() == raw  # still private, still as sent


@pytest.mark.parametrize(
    ("step", "from_status"),
    [
        (review.approve, Status.RECEIVED),  # 承認 needs 審査開始 first
        (review.start_review, Status.IN_REVIEW),
        (review.reject, Status.APPROVED),
        (review.withdraw, Status.REJECTED),
    ],
)
def test_steps_are_guarded_by_the_current_state(staff, step, from_status):
    application = submit_application()
    application.status = from_status
    application.save(update_fields=["status"])
    with pytest.raises(review.ReviewError, match="この操作はできません"):
        step(application, staff, **({"comment": "理由"} if step is review.reject else {}))
    application.refresh_from_db()
    assert application.status == from_status


def test_return_for_correction_requires_a_comment(staff):
    application = submit_application()
    with pytest.raises(review.ReviewError, match="コメント"):
        review.return_for_correction(application, staff, "  ")
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_every_change_is_logged_with_reviewer_time_and_comment(staff):
    application = submit_application()
    review.start_review(application, staff, comment="確認します")
    review.return_for_correction(application, staff, "所在地の番地を確認してください。")
    logs = list(application.logs.all())
    assert [log.action for log in logs] == [
        "application.received",
        "review.started",
        "review.returned",
    ]
    assert logs[0].actor is None
    assert logs[2].actor == staff
    assert logs[2].comment == "所在地の番地を確認してください。"
    assert (logs[2].from_status, logs[2].to_status) == (Status.IN_REVIEW, Status.RETURNED)
    assert logs[2].created_at is not None


@pytest.mark.parametrize(
    ("steps", "kind", "text"),
    [
        (["start", "approve"], OutboxMessage.Kind.APPROVED, "承認しました"),
        (["return"], OutboxMessage.Kind.RETURNED, "番地を確認してください"),
        (["reject"], OutboxMessage.Kind.REJECTED, "見送る"),
    ],
)
def test_status_mails(staff, steps, kind, text):
    application = submit_application()
    functions = {
        "start": lambda a: review.start_review(a, staff),
        "approve": lambda a: review.approve(a, staff),
        "return": lambda a: review.return_for_correction(a, staff, "番地を確認してください"),
        "reject": lambda a: review.reject(a, staff, "対象地域外のため"),
    }
    for step in steps:
        functions[step](application)
    worker.run_once()
    message = OutboxMessage.objects.get(kind=kind)
    assert message.sent_at is not None
    assert text in message.body
    assert application.number in message.subject
    assert message.recipients == ["info@example.jp"]
    sent = outbox_mail.outbox[-1]
    assert sent.to == ["info@example.jp"] and text in sent.body


def test_admin_buttons_record_the_steps_and_show_the_history(client, staff):
    application = submit_application()
    verified_login(client, staff)
    change = f"/admin/applications/application/{application.pk}/change/"
    review_url = f"/admin/applications/application/{application.pk}/review/"
    html = client.get(change).content.decode()
    assert 'value="start"' in html and "/review/approve/" not in html
    assert f"/admin/applications/application/{application.pk}/review/return/" in html

    # The decisions are not one-click buttons any more.
    response = client.post(review_url, {"action": "approve", "comment": ""})
    assert response.status_code == 403
    client.post(review_url, {"action": "start", "comment": "担当します"})
    step = f"{review_url}approve/"
    client.post(step, {"comment": "", "keep_draft": "on", "confirm": "1"})
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.supporter.status == PublicationStatus.DRAFT
    html = client.get(change).content.decode()
    assert "審査開始" in html and "担当します" in html and "shinsa" in html
    assert 'name="action"' not in html and "/review/" not in html  # nothing left after 承認


def test_content_editors_cannot_review(client):
    from tests.factories import content_editor

    application = submit_application()
    client.force_login(content_editor())
    response = client.post(
        f"/admin/applications/application/{application.pk}/review/", {"action": "start"}
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_listing_history_shows_the_receipt_number_to_superusers_only(staff, client):
    """コンテンツ編集者 read the listing's history; the approval entry does not name the
    application for them. Superusers (who handle applications) still see which one it was."""
    from tests.accounts.factories import superuser
    from tests.factories import content_editor

    application = submit_application()
    review.start_review(application, staff)
    application = review.approve(application, staff)
    url = f"/admin/supporters/supporter/{application.supporter.pk}/history/"
    client.force_login(content_editor())
    html = client.get(url).content.decode()
    assert "申込みの承認" in html and application.number not in html and "NTM-" not in html
    verified_login(client, superuser())
    assert f"申込み {application.number} の承認" in client.get(url).content.decode()
