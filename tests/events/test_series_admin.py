"""The admin of series (シリーズ・連続講座) for コンテンツ編集者, and an event's series fields."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from core.roles import CONTENT_EDITORS
from events.models import Event, EventSeries
from tests.factories import content_editor

from .factories import EventFactory, EventSeriesFactory, jst

pytestmark = pytest.mark.django_db


def test_content_editors_are_granted_series_permissions():
    codenames = set(
        Group.objects.get(name=CONTENT_EDITORS)
        .permissions.filter(content_type__app_label="events")
        .values_list("codename", flat=True)
    )
    assert {"add_eventseries", "change_eventseries", "view_historicaleventseries"} <= codenames


def test_series_change_page_lists_its_sessions_in_order(client):
    series = EventSeriesFactory(title="右腕人材育成プログラム")
    start = jst(2027, 1, 16, 13)
    for number in (2, 1, 3):
        EventFactory(
            title=f"第{number}回の講座",
            series=series,
            series_number=number,
            starts_at=start + datetime.timedelta(days=7 * number),
            ends_at=start + datetime.timedelta(days=7 * number, hours=3),
        )
    client.force_login(content_editor())
    response = client.get(f"/admin/events/eventseries/{series.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f"第{number}回の講座") for number in (1, 2, 3)]
    assert positions == sorted(positions)

    assert 'href="/events/series/' in html and "公開ページを見る" in html
    changelist = client.get("/admin/events/eventseries/")
    assert "全3回" in changelist.content.decode()


def test_series_add_page_saves_a_series_with_sanitised_body(client):
    client.force_login(content_editor())
    response = client.post(
        "/admin/events/eventseries/add/",
        {
            "title": "新しい連続講座",
            "slug": "new-series",
            "summary": "",
            "body": '<p onclick="x()">内容</p><script>alert(1)</script>',
            "status": "draft",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
            "registration_mode": "none",
            "ask_organisation": "optional",
            "ask_job_title": "no",
            "ask_referral": "no",
            "ask_needs": "optional",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    series = EventSeries.objects.get(slug="new-series")
    assert series.body == "<p>内容</p>"
    assert series.body_html == "<p>内容</p>"


def test_event_series_number_is_required_with_a_series_and_unique_in_it():
    series = EventSeriesFactory()
    EventFactory(series=series, series_number=1)
    without_number = EventFactory.build(series=series, series_number=None)
    with pytest.raises(ValidationError) as missing:
        without_number.full_clean()
    assert "series_number" in missing.value.message_dict
    duplicate = EventFactory.build(series=series, series_number=1)
    with pytest.raises(ValidationError) as taken:
        duplicate.full_clean()
    assert "このシリーズには同じ回の講座がすでにあります。" in str(taken.value)
    orphan = EventFactory.build(series=None, series_number=2)
    with pytest.raises(ValidationError) as no_series:
        orphan.full_clean()
    assert "series" in no_series.value.message_dict


def test_series_is_a_reserved_event_slug():
    event = EventFactory.build(slug="series")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "slug" in error.value.message_dict


def test_duplicating_a_session_makes_the_next_session_of_its_series(client):
    series = EventSeriesFactory()
    first = EventFactory(series=series, series_number=1)
    EventFactory(series=series, series_number=3)
    client.force_login(content_editor())
    response = client.post(
        "/admin/events/event/?timing=all", {"action": "duplicate", "_selected_action": [first.pk]}
    )
    assert response.status_code == 302
    copy = Event.objects.get(series=series, series_number=4)
    assert copy.status == "draft" and copy.title == first.title
    outside = EventFactory()
    client.post(
        "/admin/events/event/?timing=all",
        {"action": "duplicate", "_selected_action": [outside.pk]},
    )
    assert Event.objects.filter(title=outside.title, series__isnull=True).count() == 2
