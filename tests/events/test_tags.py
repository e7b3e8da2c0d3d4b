"""Pieces the home page and the supporter pages include."""

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.publishing import PublicationStatus
from tests.supporters.factories import SupporterFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

# The events app adds its section to the supporter's page through core.panels.
SUPPORTER_PANEL = '{% panels "supporter_detail" supporter %}'


def render(source, library="event_tags", **context):
    with CaptureQueriesContext(connection) as captured:
        html = Template(f"{{% load {library} %}}" + source).render(Context(context))
    return html, len(captured.captured_queries)


def test_home_section_shows_the_next_few_events():
    now = timezone.now()
    for days in (30, 2, 10, 20):
        EventFactory(
            title=f"{days}日後",
            starts_at=now + datetime.timedelta(days=days),
            ends_at=now + datetime.timedelta(days=days, hours=1),
        )
    EventFactory(title="下書き", status=PublicationStatus.DRAFT)
    html, queries = render("{% upcoming_events_section %}")
    assert queries == 1
    assert 'id="home-events-heading">開催予定のイベント</h2>' in html
    assert html.index("2日後") < html.index("10日後") < html.index("20日後")
    assert "30日後" not in html and "下書き" not in html
    assert "<h3" in html


def test_home_section_with_no_events_says_so():
    html, _ = render("{% upcoming_events_section %}")
    assert "現在、開催予定のイベントはありません。" in html


@pytest.mark.parametrize("count", [2, 30])
def test_supporter_events_runs_two_queries(count):
    supporter = SupporterFactory()
    now = timezone.now()
    for n in range(count):
        event = EventFactory(
            title=f"参加イベント{n}",
            starts_at=now + datetime.timedelta(days=n - count // 2),
            ends_at=now + datetime.timedelta(days=n - count // 2, hours=1),
        )
        event.supporters.add(supporter)
    draft = EventFactory(title="下書きのイベント", status=PublicationStatus.DRAFT)
    draft.supporters.add(supporter)
    EventFactory(title="関係のないイベント")
    html, queries = render(SUPPORTER_PANEL, "site_tags", supporter=supporter)
    assert queries == 2
    assert "参加するイベント" in html
    assert "下書きのイベント" not in html and "関係のないイベント" not in html
    assert "開催予定" in html and "これまでのイベント" in html


def test_supporter_without_events_renders_nothing():
    html, _ = render(SUPPORTER_PANEL, "site_tags", supporter=SupporterFactory())
    assert html.strip() == ""
