"""Lists, filters, the month calendar and the event page."""

import datetime

import pytest
from django.utils import timezone

from core.publishing import PublicationStatus
from events.models import Event
from tests.responses import assert_only_editors_preview
from tests.supporters.factories import SupporterFactory

from .factories import (
    EventAttachmentFactory,
    EventFactory,
    VenueEventFactory,
    jst,
)

pytestmark = pytest.mark.django_db


def results(response):
    """The part of a list page after the filter form."""
    assert response.status_code == 200
    return response.content.decode().split('id="event-results"')[1]


def order_of(html, *titles):
    return sorted(titles, key=html.index)


def test_upcoming_soonest_first_and_past_latest_first(client):
    now = timezone.now()
    for days, title in [
        (9, "九日後"),
        (2, "二日後"),
        (5, "五日後"),
        (-3, "三日前"),
        (-30, "三十日前"),
        (-7, "七日前"),
    ]:
        EventFactory(
            title=title,
            starts_at=now + datetime.timedelta(days=days),
            ends_at=now + datetime.timedelta(days=days, hours=2),
        )
    upcoming = results(client.get("/events/"))
    assert order_of(upcoming, "九日後", "二日後", "五日後") == ["二日後", "五日後", "九日後"]
    assert "三日前" not in upcoming
    past = results(client.get("/events/past/"))
    assert order_of(past, "三十日前", "三日前", "七日前") == ["三日前", "七日前", "三十日前"]
    assert "二日後" not in past


def test_past_list_is_paginated(client):
    start = jst(2024, 1, 1, 10)
    for n in range(25):
        EventFactory(
            title=f"過去イベント{n:02d}",
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=1),
        )
    first = results(client.get("/events/past/"))
    assert "過去イベント24" in first and "過去イベント04" not in first
    assert "25件" in first and 'href="?page=2"' in first
    second = results(client.get("/events/past/?page=2"))
    assert (
        "過去イベント04" in second and "過去イベント00" in second and "過去イベント05" not in second
    )


def test_filters_by_group_format_involvement_and_month(client):
    now = timezone.localtime()
    base = now.replace(hour=12, minute=0, second=0, microsecond=0) + datetime.timedelta(days=40)
    VenueEventFactory(
        title="宮城の会場", starts_at=base, ends_at=base + datetime.timedelta(hours=2)
    )
    VenueEventFactory(
        title="岩手の後援",
        prefecture="03",
        involvement=Event.Involvement.ENDORSE,
        starts_at=base,
        ends_at=base + datetime.timedelta(hours=2),
    )
    EventFactory(
        title="オンラインの協力",
        involvement=Event.Involvement.COOPERATE,
        starts_at=base + datetime.timedelta(days=40),
        ends_at=base + datetime.timedelta(days=40, hours=1),
    )

    def titles(query):
        html = results(client.get(f"/events/?{query}"))
        return {t for t in ["宮城の会場", "岩手の後援", "オンラインの協力"] if t in html}

    assert titles("") == {"宮城の会場", "岩手の後援", "オンラインの協力"}
    assert titles("group=miyagi") == {"宮城の会場"}
    assert titles("group=other") == {"オンラインの協力"}
    assert titles("format=online") == {"オンラインの協力"}
    assert titles("format=venue&involvement=endorse") == {"岩手の後援"}
    month = f"{base.year:04d}-{base.month:02d}"
    assert titles(f"month={month}") == {"宮城の会場", "岩手の後援"}
    page = client.get("/events/").content.decode()
    assert f'<option value="{month}">{base.year}年{base.month}月</option>' in page


def test_filter_form_is_a_labelled_get_form_and_keeps_filters_in_pagination(client):
    for n in range(22):
        VenueEventFactory(
            starts_at=timezone.now() + datetime.timedelta(days=n + 1),
            ends_at=timezone.now() + datetime.timedelta(days=n + 1, hours=1),
        )
    html = client.get("/events/?group=miyagi").content.decode()
    assert '<form class="event-filter" method="get"' in html
    for name, label in [
        ("group", "地域"),
        ("format", "開催形式"),
        ("involvement", "東北経済産業局の関わり"),
        ("month", "開催月"),
    ]:
        assert f'<label class="form-label" for="id_{name}">{label}</label>' in html
    assert '<option value="miyagi" selected>' in html
    assert 'href="?group=miyagi&amp;page=2"' in html
    assert "条件を解除" in html


def test_tampered_filter_values_are_ignored_with_a_message(client):
    EventFactory(title="残るイベント")
    response = client.get("/events/?group=atlantis&month=2026-99&page=abc")
    html = results(response)
    assert "残るイベント" in html
    assert "開催月は一覧から選んでください。" in response.content.decode()


def test_month_calendar_is_a_table_with_weekday_headers(client):
    EventFactory(
        title="十二月の交流会", starts_at=jst(2026, 12, 1, 10), ends_at=jst(2026, 12, 1, 12)
    )
    EventFactory(
        title="二日間の催し", starts_at=jst(2026, 12, 10), ends_at=jst(2026, 12, 11), all_day=True
    )
    html = client.get("/events/calendar/2026/12/").content.decode()
    assert "<caption>2026年12月のイベント</caption>" in html
    assert (
        '<th scope="col" class="event-calendar__weekday event-calendar__weekday--0"><abbr title="日曜日">日</abbr></th>'
        in html
    )
    start = html.index('<table class="event-calendar">')
    table = html[start : html.index("</table>", start)]
    assert table.count("二日間の催し") == 2  # the 10th and the 11th
    # the phones' list of days: the 10th and the 11th, each with its date
    start = html.index('<ol class="event-calendar-days__list">')
    days = html[start : html.index("</ol>", start)]
    assert days.count("二日間の催し") == 2
    assert '<time datetime="2026-12-10">2026年12月10日（木）</time>' in days
    assert html.count("二日間の催し") == 5  # and the list below
    assert 'href="/events/calendar/2026/11/"' in html and 'href="/events/calendar/2027/1/"' in html
    assert html.count("<h1") == 1


def test_calendar_redirects_to_this_month_and_refuses_odd_months(client):
    today = timezone.localdate()
    response = client.get("/events/calendar/")
    assert response.status_code == 302
    assert response["Location"] == f"/events/calendar/{today.year}/{today.month}/"
    assert client.get("/events/calendar/2026/13/").status_code == 404
    assert client.get("/events/calendar/1999/1/").status_code == 404
    assert client.get(f"/events/calendar/{today.year + 6}/1/").status_code == 404


def test_event_page_shows_everything(client):
    supporter = SupporterFactory(name="サンプル株式会社")
    hidden = SupporterFactory(name="非公開の団体", status=PublicationStatus.DRAFT)
    start = timezone.localtime() + datetime.timedelta(days=10)
    event = VenueEventFactory(
        title="全部入りのイベント",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        format=Event.Format.HYBRID,
        online_tool="Zoom",
        organisers="東北経済産業局\nサンプル協議会",
        co_organisers="東北大学（連携）",
        audience="どなたでも",
        capacity=50,
        fee_amount=0,
        registration_url="https://example.com/apply",
        registration_deadline=start - datetime.timedelta(days=2),
    )
    event.supporters.add(supporter, hidden)
    EventAttachmentFactory(event=event, title="チラシ")
    html = client.get(event.get_absolute_url()).content.decode()
    for text in [
        "全部入りのイベント",
        "ハイブリッド",
        "仙台市内の会場",
        "宮城県仙台市青葉区本町三丁目3番1号",
        "Zoom",
        "東北経済産業局、サンプル協議会",
        "東北大学（連携）",
        "どなたでも",
        "50名",
        "無料",
        'href="https://example.com/apply"',
        "外部サイト",
        "サンプル株式会社",
        "チラシ（PDF 2KB）",
        "カレンダーに追加",
    ]:
        assert text in html, text
    assert "非公開の団体" not in html
    assert "受付終了" not in html and "このイベントは終了しました" not in html
    assert html.count("<h1") == 1


def test_registration_closes_after_the_deadline(client):
    event = EventFactory(
        registration_url="https://example.com/apply",
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "受付終了" in html and 'href="https://example.com/apply"' not in html
    assert "受付終了" in results(client.get("/events/"))


def test_after_the_event_it_shows_ended_and_its_report(client):
    event = EventFactory(
        starts_at=jst(2021, 3, 1, 14),
        ends_at=jst(2021, 3, 1, 16),
        participants=100,
        participants_over=True,
        report="<p>100名を超える方が参加しました。</p><script>alert(1)</script>",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "このイベントは終了しました。" in html
    assert "開催報告" in html and "参加者数: 100名超" in html
    assert "<p>100名を超える方が参加しました。</p>" in html and "alert(1)" not in html
    assert "カレンダーに追加" not in html


def test_postponed_event_is_prominent(client):
    event = EventFactory(state=Event.State.POSTPONED)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "このイベントは延期になりました。" in html
    assert "【延期】" in html.split("</title>")[0]


def test_drafts_appear_nowhere_public(client):
    draft = EventFactory(
        title="下書きのイベント", slug="draft-event", status=PublicationStatus.DRAFT
    )
    expired = EventFactory(
        title="掲載終了のイベント", publish_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    past_draft = EventFactory(
        title="過去の下書き",
        status=PublicationStatus.DRAFT,
        starts_at=jst(2024, 5, 1, 10),
        ends_at=jst(2024, 5, 1, 12),
    )
    EventFactory(title="公開のイベント")
    start = timezone.localtime(draft.starts_at)
    for url in [
        "/events/",
        "/events/past/",
        f"/events/calendar/{start.year}/{start.month}/",
        "/events/calendar/2024/5/",
        "/events/feed.ics",
        "/events/feed/",
        "/sitemap.xml",
    ]:
        body = client.get(url).content.decode()
        for hidden in (draft, expired, past_draft):
            assert hidden.title not in body and hidden.get_absolute_url() not in body, (
                url,
                hidden.title,
            )
    assert "公開のイベント" in client.get("/events/feed/").content.decode()
    assert "/events/draft-event/" not in client.get("/sitemap.xml").content.decode()
    for hidden in (draft, expired, past_draft):
        assert client.get(hidden.get_absolute_url()).status_code == 404
        assert client.get(hidden.get_ics_url()).status_code == 404


def test_content_editor_previews_a_draft_but_others_cannot(client):
    draft = EventFactory(title="準備中のイベント", status=PublicationStatus.DRAFT)
    html = assert_only_editors_preview(client, draft.get_absolute_url())
    assert "準備中のイベント" in html
    assert "application/ld+json" not in html


def test_atom_feed_lists_new_events_newest_first(client):
    EventFactory(title="先に登録したイベント")
    EventFactory(title="後で登録したイベント", state=Event.State.CANCELLED)
    response = client.get("/events/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.index("【中止】後で登録したイベント") < body.index("先に登録したイベント")
