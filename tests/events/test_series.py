"""A series (連続講座): its page lists the live sessions in order with their state, each session's
page shows 第N回（全M回） and links to the series and to the sessions before and after it; the
series list, JSON-LD, the sitemap and the page cache."""

import datetime
import json
import re

import pytest
from django.conf import settings

from core.publishing import PublicationStatus
from events.models import Event
from tests.clock import MORNING, Clock
from tests.queries import assert_queries_do_not_grow, count_queries
from tests.supporters.factories import SupporterFactory

from .factories import EventFactory, EventSeriesFactory, VenueEventFactory
from .test_caching import CACHED_PAGE_QUERIES

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SESSION_TITLES = re.compile(r'<h3 class="series-session__title">.*?<a href="([^"]+)">', re.S)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def at(days, hours=0):
    return MORNING + datetime.timedelta(days=days, hours=hours)


def session(series, number, days, factory=EventFactory, **fields):
    """Session ``number`` of ``series``, ``days`` after the test's morning, two hours long."""
    return factory(
        series=series,
        series_number=number,
        title=f"講座 第{number}回「テーマ{number}」",
        slug=f"{series.slug}-{number}",
        starts_at=at(days),
        ends_at=at(days, hours=2),
        **fields,
    )


@pytest.fixture
def programme(clock):
    """A five-session series seen on the morning of its third session: sessions 1 and 2 are
    over, 3 is under way, 4 is postponed, 5 is cancelled, and a sixth is still a draft. Created
    out of order, so that the page's order is not the rows' order."""
    series = EventSeriesFactory(title="右腕人材育成プログラム", slug="programme")
    sessions = {
        5: session(series, 5, 28, state=Event.State.CANCELLED, state_note="講師の都合により中止"),
        1: session(series, 1, -14, factory=VenueEventFactory),
        3: session(series, 3, 0),
        2: session(series, 2, -7),
        4: session(series, 4, 21, factory=VenueEventFactory, state=Event.State.POSTPONED),
        6: session(series, 6, 35, status=PublicationStatus.DRAFT),
    }
    sessions[3].starts_at = MORNING - datetime.timedelta(hours=1)
    sessions[3].save()
    return series, sessions


def json_ld(html):
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def test_series_page_lists_live_sessions_in_order_with_their_state(client, programme):
    series, sessions = programme
    response = client.get("/events/series/programme/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-heading">右腕人材育成プログラム</h1>' in html
    links = SESSION_TITLES.findall(html)
    assert links == [sessions[n].get_absolute_url() for n in (1, 2, 3, 4, 5)]
    states = re.findall(r'<dt>状況</dt><dd><span class="event-badge[^"]*">(.*?)</span>', html)
    assert states == ["終了", "終了", "開催中", "延期", "中止"]
    assert "全5回" in html
    assert "講師の都合により中止" in html
    # each session with its date, format and place
    first = html.split('<li class="series-session')[1]
    assert '<time datetime="2030-05-20T10:00+09:00">2030年5月20日（月）10:00</time>' in first
    assert "<dt>開催形式</dt><dd>会場</dd>" in first
    assert "仙台市内の会場" in first
    second = html.split('<li class="series-session')[2]
    assert "<dt>開催形式</dt><dd>オンライン</dd>" in second
    assert "<dt>場所</dt><dd>オンライン（Microsoft Teams）</dd>" in second
    assert "<dt>開催形式</dt><dd>会場・オンライン</dd>" in html


def test_sessions_not_live_are_neither_listed_nor_counted(client, programme, clock):
    series, sessions = programme
    sessions[2].publish_until = MORNING - datetime.timedelta(minutes=1)
    sessions[2].save()
    html = client.get("/events/series/programme/").content.decode()
    assert sessions[6].get_absolute_url() not in html  # a draft
    assert sessions[6].title not in html
    assert sessions[2].get_absolute_url() not in html  # its publication ended
    assert SESSION_TITLES.findall(html) == [sessions[n].get_absolute_url() for n in (1, 3, 4, 5)]
    assert "全4回" in html  # a cancelled or postponed session still counts
    assert "全5回" not in html and "全6回" not in html


def test_a_draft_series_is_not_found_but_staff_may_preview_it(client, admin_user):
    series = EventSeriesFactory(slug="draft-series", status=PublicationStatus.DRAFT)
    assert client.get("/events/series/draft-series/").status_code == 404
    assert client.get("/events/series/no-such-series/").status_code == 404
    client.force_login(admin_user)
    response = client.get(series.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_a_session_names_its_place_in_the_series_and_links_its_neighbours(client, programme):
    series, sessions = programme
    html = client.get(sessions[3].get_absolute_url()).content.decode()
    assert (
        '連続講座「<a href="/events/series/programme/">右腕人材育成プログラム</a>」の第3回（全5回）'
        in html
    )
    nav = html.split('<nav class="series-nav"')[1].split("</nav>")[0]
    previous = re.search(r'<a href="([^"]+)" rel="prev">(.*?)</a>', nav, re.S)
    following = re.search(r'<a href="([^"]+)" rel="next">(.*?)</a>', nav, re.S)
    assert previous.group(1) == sessions[2].get_absolute_url()
    assert "前の回（第2回）" in previous.group(2)
    assert following.group(1) == sessions[4].get_absolute_url()
    assert "次の回（第4回）" in following.group(2) and "【延期】" in following.group(2)
    assert 'href="/events/series/programme/">「右腕人材育成プログラム」の全5回の日程' in nav


def test_first_and_last_sessions_link_only_inwards_and_drafts_are_skipped(client, programme):
    series, sessions = programme
    first = client.get(sessions[1].get_absolute_url()).content.decode()
    assert 'rel="prev"' not in first
    assert f'href="{sessions[2].get_absolute_url()}" rel="next"' in first
    # session 5 is the last live one: session 6 is a draft and is never linked
    last = client.get(sessions[5].get_absolute_url()).content.decode()
    assert f'href="{sessions[4].get_absolute_url()}" rel="prev"' in last
    assert 'rel="next"' not in last
    assert sessions[6].get_absolute_url() not in last
    # a session left out of the live ones is stepped over by its neighbours
    sessions[3].status = PublicationStatus.DRAFT
    sessions[3].save()
    second = client.get(sessions[2].get_absolute_url()).content.decode()
    assert f'href="{sessions[4].get_absolute_url()}" rel="next"' in second
    assert "の第2回（全4回）" in second


def test_a_session_of_a_draft_series_shows_no_series(client):
    series = EventSeriesFactory(status=PublicationStatus.DRAFT)
    event = EventFactory(series=series, series_number=1)
    html = client.get(event.get_absolute_url()).content.decode()
    assert series.get_absolute_url() not in html
    assert "series-nav" not in html and "superEvent" not in html


def test_an_event_outside_a_series_is_unchanged(client):
    html = client.get(EventFactory().get_absolute_url()).content.decode()
    assert "event-series" not in html and "series-nav" not in html
    assert "superEvent" not in html


def test_series_json_ld_is_an_event_series_with_its_sessions(client, programme):
    series, sessions = programme
    data = json_ld(client.get("/events/series/programme/").content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "EventSeries"
    assert data["name"] == "右腕人材育成プログラム"
    assert data["url"] == f"{settings.SITE_URL}/events/series/programme/"
    assert data["description"] == series.summary
    assert data["startDate"] == "2030-05-20T10:00:00+09:00"
    assert data["endDate"] == "2030-07-01T12:00:00+09:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["organizer"] == {"@type": "Organization", "name": "東北経済産業局"}
    sub_events = data["subEvent"]
    assert [event["url"] for event in sub_events] == [
        f"{settings.SITE_URL}{sessions[n].get_absolute_url()}" for n in (1, 2, 3, 4, 5)
    ]
    for event in sub_events:
        assert event["@type"] == "Event" and "@context" not in event
        assert {"name", "startDate", "endDate", "location", "eventStatus"} <= set(event)
    assert [event["eventStatus"].rsplit("/", 1)[1] for event in sub_events] == [
        "EventScheduled",
        "EventScheduled",
        "EventScheduled",
        "EventPostponed",
        "EventCancelled",
    ]


def test_session_json_ld_names_its_series_as_super_event(client, programme):
    series, sessions = programme
    data = json_ld(client.get(sessions[2].get_absolute_url()).content.decode())
    assert data["@type"] == "Event"
    assert data["superEvent"] == {
        "@type": "EventSeries",
        "name": "右腕人材育成プログラム",
        "url": f"{settings.SITE_URL}/events/series/programme/",
    }


def test_series_text_cannot_break_out_of_the_json_block(client):
    hostile = '</script><script>alert("x")</script> & <!--'
    series = EventSeriesFactory(title=hostile, summary=hostile)
    event = EventFactory(series=series, series_number=1)
    for url in (series.get_absolute_url(), event.get_absolute_url()):
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        assert "<script>alert" not in html
        assert head.count("</script>") == head.count("<script")
    data = json_ld(client.get(series.get_absolute_url()).content.decode())
    assert data["name"] == hostile and data["description"] == hostile


def test_series_list_shows_running_series_then_ended_ones(client, programme, clock):
    running, _ = programme
    ended = EventSeriesFactory(title="終わった講座", slug="ended")
    session(ended, 1, -60)
    session(ended, 2, -53)
    EventSeriesFactory(title="下書きの講座", slug="draft", status=PublicationStatus.DRAFT)
    upcoming = EventSeriesFactory(title="これからの講座", slug="upcoming")
    session(upcoming, 1, 40)
    planned = EventSeriesFactory(title="日程未定の講座", slug="planned")
    session(planned, 1, 50, status=PublicationStatus.DRAFT)
    html = client.get("/events/series/").content.decode()
    assert "下書きの講座" not in html
    current_part, ended_part = html.split('id="series-ended-heading"')
    order = [
        current_part.index(t) for t in ("右腕人材育成プログラム", "これからの講座", "日程未定")
    ]
    assert order == sorted(order)
    planned_card = current_part.split("日程未定の講座")[1]
    assert "日程は決まり次第お知らせします。" in planned_card and "全1回" not in planned_card
    assert "終わった講座" in ended_part and "終わった講座" not in current_part
    assert "全2回" in ended_part and "全5回" in current_part
    assert '<span class="event-badge event-badge--ongoing">開催中</span>' in current_part
    # /events/ leads to the list
    events_page = client.get("/events/").content.decode()
    assert '<a class="event-views__link" href="/events/series/">連続講座</a>' in events_page


def test_sitemap_lists_live_series_and_the_series_list(client, programme):
    EventSeriesFactory(slug="draft-series", status=PublicationStatus.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{settings.SITE_URL}/events/series/</loc>" in xml
    assert f"<loc>{settings.SITE_URL}/events/series/programme/</loc>" in xml
    assert "draft-series" not in xml


@pytest.fixture(params=["page cache", "rendered"])
def visitor(request, client):
    """Served from the page cache, and rendered (a session cookie bypasses the cache)."""
    if request.param == "rendered":
        client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    return client


def add_sessions(series, first_number, count):
    def add():
        for number in range(first_number, first_number + count):
            factory = VenueEventFactory if number % 2 else EventFactory
            event = session(series, number, number, factory=factory)
            event.supporters.add(SupporterFactory())

    return add


def test_series_page_queries_do_not_grow_with_its_sessions(visitor, clock):
    series = EventSeriesFactory(slug="grows")
    add_sessions(series, 1, 2)()
    queries = assert_queries_do_not_grow(
        visitor, series.get_absolute_url(), add_sessions(series, 3, 30)
    )
    assert queries <= 3


def test_session_page_queries_do_not_grow_with_the_series(visitor, clock):
    series = EventSeriesFactory(slug="grows")
    add_sessions(series, 1, 3)()
    url = Event.objects.get(series=series, series_number=2).get_absolute_url()
    queries = assert_queries_do_not_grow(visitor, url, add_sessions(series, 4, 30))
    assert queries <= 5


def test_series_list_queries_do_not_grow_with_series_and_sessions(visitor, clock):
    def more_series():
        for n in range(15):
            add_sessions(EventSeriesFactory(slug=f"more-{n}"), 1, 3)()

    add_sessions(EventSeriesFactory(slug="first"), 1, 2)()
    queries = assert_queries_do_not_grow(visitor, "/events/series/", more_series)
    assert queries <= 3


def test_editing_the_series_refreshes_the_cached_pages(client, programme):
    series, sessions = programme
    session_url = sessions[2].get_absolute_url()
    for url in (series.get_absolute_url(), session_url, "/events/series/"):
        assert "右腕人材育成プログラム" in client.get(url).content.decode()
        queries, _ = count_queries(client, url)
        assert queries == CACHED_PAGE_QUERIES  # served from the page cache
    series.title = "右腕人材育成プログラム（改題）"
    series.save()
    for url in (series.get_absolute_url(), session_url, "/events/series/"):
        assert "右腕人材育成プログラム（改題）" in client.get(url).content.decode()


def test_a_session_changes_state_on_the_series_page_exactly_on_time(client, programme, clock):
    series, sessions = programme
    url = series.get_absolute_url()

    def states():
        html = client.get(url).content.decode()
        return re.findall(r'<dt>状況</dt><dd><span class="event-badge[^"]*">(.*?)</span>', html)

    assert states()[2] == "開催中"
    clock.set(sessions[3].ends_at - datetime.timedelta(microseconds=1))
    assert states()[2] == "開催中"
    clock.set(sessions[3].ends_at)
    assert states()[2] == "終了"
