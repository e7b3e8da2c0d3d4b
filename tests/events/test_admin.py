"""The admin for コンテンツ編集者: list, filters, bulk publish, history, duplicate as draft."""

import pytest
from django.contrib.auth.models import Group

from core.publishing import PublicationStatus
from core.roles import CONTENT_EDITORS
from events.models import Event
from tests.factories import UserFactory, content_editor
from tests.supporters.factories import SupporterFactory

from .factories import EventAttachmentFactory, EventFactory, jst

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/events/event/"


def test_content_editors_are_granted_event_permissions():
    codenames = set(
        Group.objects.get(name=CONTENT_EDITORS)
        .permissions.filter(content_type__app_label="events")
        .values_list("codename", flat=True)
    )
    assert {"add_event", "change_event", "delete_event", "view_event"} <= codenames
    assert {"add_eventattachment", "change_eventattachment", "view_historicalevent"} <= codenames


def test_editor_sees_the_list_with_date_hierarchy_filters_and_search(client):
    EventFactory(
        title="検索される交流会", starts_at=jst(2026, 12, 5, 14), ends_at=jst(2026, 12, 5, 16)
    )
    EventFactory(title="別のイベント")
    client.force_login(content_editor())
    response = client.get(CHANGELIST, {"q": "交流会"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "検索される交流会" in html and "別のイベント" not in html
    assert "2026年12月5日（土）14:00〜16:00" in html
    assert "開催時期" in html and "開催形式" in html
    assert client.get(CHANGELIST, {"starts_at__year": 2026, "timing": "all"}).status_code == 200
    assert client.get("/admin/events/event/add/").status_code == 200


def test_staff_without_the_group_cannot_open_events(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(CHANGELIST).status_code == 403


def test_editor_adds_an_event_through_the_form(client):
    client.force_login(content_editor())
    form = {
        "title": "管理画面から登録したイベント",
        "slug": "",
        "starts_at_0": "2026-12-05",
        "starts_at_1": "14:00",
        "ends_at_0": "2026-12-05",
        "ends_at_1": "16:00",
        "format": Event.Format.VENUE,
        "venue_name": "",
        "involvement": Event.Involvement.HOST,
        "state": Event.State.SCHEDULED,
        "status": "draft",
        "registration_mode": "none",
        "ask_organisation": "optional",
        "ask_job_title": "no",
        "ask_referral": "no",
        "ask_needs": "optional",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/events/event/add/", form)
    assert response.status_code == 200  # venue name is required for a venue event
    assert "会場で開催する場合は会場名を入力してください。" in response.content.decode()
    assert not Event.objects.exists()

    response = client.post("/admin/events/event/add/", {**form, "venue_name": "仙台市内の会場"})
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.slug.startswith("20261205-") and event.starts_at == jst(2026, 12, 5, 14)
    assert event.group == "other" and event.history.count() == 1


def test_bulk_publish_records_history(client):
    drafts = EventFactory.create_batch(2, status=PublicationStatus.DRAFT)
    client.force_login(content_editor())
    response = client.post(
        CHANGELIST + "?timing=all",
        {"action": "publish", "_selected_action": [e.pk for e in drafts]},
    )
    assert response.status_code == 302
    for event in drafts:
        event.refresh_from_db()
        assert event.status == PublicationStatus.PUBLISHED
        assert event.history.first().history_change_reason == "一括操作: 公開"
        assert event.sequence == 0
    history = client.get(f"/admin/events/event/{drafts[0].pk}/history/")
    assert history.status_code == 200


def test_duplicate_as_draft_for_the_next_session(client):
    session = EventFactory(
        title="右腕人材育成プログラム 第1回",
        slug="right-hand-1",
        participants=20,
        report="<p>報告</p>",
        state=Event.State.CANCELLED,
    )
    session.supporters.add(SupporterFactory())
    EventAttachmentFactory(event=session, title="募集チラシ")
    client.force_login(content_editor())
    response = client.post(
        CHANGELIST + "?timing=all", {"action": "duplicate", "_selected_action": [session.pk]}
    )
    copy = Event.objects.exclude(pk=session.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/events/event/{copy.pk}/change/"
    assert copy.title == session.title and copy.starts_at == session.starts_at
    assert copy.status == PublicationStatus.DRAFT
    assert copy.uid != session.uid and copy.slug not in ("", session.slug)
    assert copy.sequence == 0 and copy.state == Event.State.SCHEDULED
    assert copy.participants is None and copy.report == ""
    assert list(copy.supporters.all()) == list(session.supporters.all())
    assert [a.title for a in copy.attachments.all()] == ["募集チラシ"]
    assert session.attachments.count() == 1
    assert "複製" in copy.history.first().history_change_reason
