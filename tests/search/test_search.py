"""Site search (/search/): one search over live pages, topics (attachment titles included),
events and supporters, Japanese folding, AND and phrases, ranking, snippets, kinds, pages."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from core.publishing import PublicationStatus
from pages.models import TopicAttachment
from search.models import SearchEntry
from search.views import RESULTS_PER_PAGE
from tests.clock import MORNING, Clock
from tests.events.factories import EventFactory
from tests.pages.factories import PageAttachmentFactory, PageFactory, TopicFactory
from tests.supporters.factories import SupporterFactory

pytestmark = pytest.mark.django_db

RESULT_LINK = re.compile(r'<h3 class="search-result__title"><a href="([^"]+)">')


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def found(client, q, **params):
    """The URLs of the results, best first (the first page)."""
    return RESULT_LINK.findall(search(client, q=q, **params))


def count_of(html):
    return int(re.search(r'<span class="search-results__count">(?:\S+ )?(\d+)件', html).group(1))


@pytest.fixture
def one_of_each():
    """A page, a topic, an event and a supporter that all mention 「復興過程」, and one of each
    that does not."""
    items = {
        "page": PageFactory(title="取組の記録", body="<p>震災からの復興過程を振り返ります。</p>"),
        "topic": TopicFactory(title="報告会のお知らせ", body="<p>復興過程の報告会です。</p>"),
        "event": EventFactory(title="語り部の会", summary="復興過程を語る会です。"),
        "supporter": SupporterFactory(
            name="まちづくり会社", introduction="復興過程で生まれた会社です。"
        ),
    }
    PageFactory(title="無関係なページ")
    TopicFactory(title="無関係なお知らせ")
    EventFactory(title="無関係なイベント")
    SupporterFactory(name="無関係な会社")
    return {kind: item.get_absolute_url() for kind, item in items.items()}


def test_one_query_finds_a_page_a_topic_an_event_and_a_supporter(client, one_of_each):
    html = search(client, q="復興")
    assert sorted(RESULT_LINK.findall(html)) == sorted(one_of_each.values())
    assert count_of(html) == 4
    for label in ["ページ", "トピックス", "イベント", "サポーターズ"]:
        assert f'<span class="search-result__kind">{label}</span>' in html


@pytest.mark.parametrize("kind", ["page", "topic", "event", "supporter"])
def test_each_kind_filter_narrows_to_that_kind(client, one_of_each, kind):
    html = search(client, q="復興", kind=kind)
    assert RESULT_LINK.findall(html) == [one_of_each[kind]]
    assert count_of(html) == 1
    assert "（すべて 4件）" in html
    assert f'href="?q=%E5%BE%A9%E8%88%88&amp;kind={kind}" aria-current="page"' in html


def test_an_unknown_kind_searches_everything(client, one_of_each):
    assert len(found(client, "復興", kind="applications")) == 4


def test_kinds_without_results_are_shown_but_not_linked(client):
    PageFactory(title="ネットワークの記録")
    html = search(client, q="ネットワーク")
    assert '<span class="search-kinds__empty">イベント（0件）</span>' in html
    assert "kind=event" not in html
    assert "ページ（1件）</a>" in html


@pytest.fixture
def network():
    """Titles and texts written in different scripts and widths."""
    return {
        "katakana": PageFactory(title="ネットワーク会議", slug="katakana").get_absolute_url(),
        "hiragana": TopicFactory(title="ねっとわーくの集い").get_absolute_url(),
        "half-width": EventFactory(title="交流会", summary="ﾈｯﾄﾜｰｸづくりの会").get_absolute_url(),
        "latin": SupporterFactory(
            name="NETWORK研究所", introduction="ＮＥＴ　ＷＯＲＫ"
        ).get_absolute_url(),
        "other": PageFactory(title="関係のないページ", slug="other").get_absolute_url(),
    }


@pytest.mark.parametrize("variant", ["ねっと", "ネット", "ﾈｯﾄ", "ねッと"])
def test_hiragana_katakana_and_half_width_variants_give_the_same_results(client, network, variant):
    # The same results; their order may differ, as text written as typed ranks first.
    expected = [network["katakana"], network["hiragana"], network["half-width"]]
    assert sorted(found(client, variant)) == sorted(expected)


@pytest.mark.parametrize("variant", ["network", "NETWORK", "ＮＥＴＷＯＲＫ", "ｎｅｔｗｏｒｋ"])
def test_case_and_full_width_letters_give_the_same_results(client, network, variant):
    assert found(client, variant) == [network["latin"]]


def test_a_word_is_found_inside_longer_words(client):
    page = PageFactory(title="記録", body="<p>東日本大震災からの復興過程。</p>").get_absolute_url()
    PageFactory(title="別の記録", body="<p>地域の過程。</p>")
    assert found(client, "復興") == [page]  # two characters, inside 「復興過程」
    assert found(client, "興過程") == [page]  # three, across the word boundary
    assert page in found(client, "過程")


def test_one_character_queries_match(client):
    page = PageFactory(title="杜の都", body="<p>仙台のこと。</p>").get_absolute_url()
    PageFactory(title="海の町", body="<p>港のこと。</p>")
    assert found(client, "杜") == [page]
    assert found(client, "ｱ") == []  # half-width katakana, no such text
    assert found(client, "都") == [page]


def test_every_word_must_occur(client):
    both = PageFactory(title="起業支援セミナー", body="<p>仙台で開きます。</p>")
    PageFactory(title="起業支援の相談会", body="<p>盛岡で開きます。</p>")
    assert found(client, "起業支援 仙台") == [both.get_absolute_url()]
    assert found(client, "起業支援\u3000仙台") == [both.get_absolute_url()]  # ideographic space
    assert len(found(client, "起業支援")) == 2
    assert found(client, "起業支援 福島") == []


def test_a_quoted_phrase_matches_only_as_written(client):
    phrase = PageFactory(title="A", body="<p>地域 の 担い手を育てる。</p>").get_absolute_url()
    apart = PageFactory(title="B", body="<p>担い手と地域の話。</p>").get_absolute_url()
    assert sorted(found(client, "地域 担い手")) == sorted([phrase, apart])
    assert found(client, '"地域 の 担い手"') == [phrase]
    assert found(client, "“地域 の 担い手”") == [phrase]  # typographic quotes
    assert found(client, "＂の 担い手＂") == [phrase]  # full-width quotes
    assert found(client, '"担い手 地域"') == []


def test_supporters_are_found_by_their_reading(client):
    supporter = SupporterFactory(name="杜の会", reading="もりのかい").get_absolute_url()
    SupporterFactory(name="海の会", reading="うみのかい")
    assert found(client, "もりの") == [supporter]
    assert found(client, "モリノカイ") == [supporter]
    assert found(client, "ﾓﾘ") == [supporter]


def test_topic_and_page_attachment_titles_are_searched(client):
    topic = TopicFactory(title="募集のお知らせ")
    TopicAttachment.objects.create(
        topic=topic,
        title="応募要領チラシ",
        file=SimpleUploadedFile("flyer.pdf", b"%PDF-1.4\n"),
    )
    attachment = PageAttachmentFactory(title="年次報告書")
    assert found(client, "応募要領") == [topic.get_absolute_url()]
    assert found(client, "年次報告") == [attachment.page.get_absolute_url()]
    attachment.delete()
    assert found(client, "年次報告") == []


def test_event_places_organisers_and_reports_are_searched(client):
    event = EventFactory(
        title="交流会",
        format="venue",
        venue_name="せんだいメディアテーク",
        organisers="みやぎ連携協議会",
        report="<p>参加者は百名を超えました。</p>",
    ).get_absolute_url()
    assert found(client, "メディアテーク") == [event]
    assert found(client, "連携協議会") == [event]
    assert found(client, "百名") == [event]


def test_an_individual_supporters_unpublished_municipality_is_not_searched(client):
    SupporterFactory(
        name="山田",
        kind="individual",
        municipality="石巻市",
        publish_municipality=False,
    )
    shown = SupporterFactory(
        name="佐藤", kind="individual", municipality="気仙沼市", publish_municipality=True
    )
    assert found(client, "石巻") == []
    assert found(client, "気仙沼") == [shown.get_absolute_url()]


def test_drafts_and_items_outside_their_window_never_appear(client, monkeypatch):
    clock = Clock(monkeypatch)
    hour = datetime.timedelta(hours=1)
    live = PageFactory(title="公開中の告知", slug="live").get_absolute_url()
    PageFactory(title="下書きの告知", slug="draft", status=PublicationStatus.DRAFT)
    scheduled = TopicFactory(title="予約の告知", publish_from=MORNING + hour).get_absolute_url()
    EventFactory(title="終了した告知", publish_until=MORNING - hour)
    expiring = SupporterFactory(name="期限つきの告知", publish_until=MORNING + 2 * hour)
    expiring = expiring.get_absolute_url()
    assert sorted(found(client, "告知")) == sorted([live, expiring])
    assert count_of(search(client, q="下書き")) == 0

    clock.advance(hours=1, minutes=30)  # the topic starts showing; nothing was saved
    assert sorted(found(client, "告知")) == sorted([live, expiring, scheduled])
    clock.advance(hours=1)  # the supporter's window has closed
    assert sorted(found(client, "告知")) == sorted([live, scheduled])


def test_unpublishing_removes_an_item_at_once(client):
    page = PageFactory(title="撤回する告知")
    assert count_of(search(client, q="撤回")) == 1
    page.status = PublicationStatus.DRAFT
    page.save()
    assert count_of(search(client, q="撤回")) == 0
    page.delete()
    assert not SearchEntry.objects.filter(object_id=page.pk, kind="page").exists()


def test_titles_rank_above_text_exact_above_folded_and_newer_above_older(client):
    in_text_exact = TopicFactory(
        title="お知らせ", body="<p>ネットワーク</p>", published_on=datetime.date(2026, 5, 1)
    )
    in_title_folded = TopicFactory(title="ねっとわーく通信", published_on=datetime.date(2026, 1, 1))
    in_title_exact = TopicFactory(title="ネットワーク通信", published_on=datetime.date(2025, 1, 1))
    in_text_folded = TopicFactory(
        title="お知らせ", body="<p>ねっとわーく</p>", published_on=datetime.date(2026, 6, 1)
    )
    older_event = EventFactory(title="ネットワーク交流会", starts_at=MORNING)
    newer_event = EventFactory(
        title="ネットワーク交流会", starts_at=MORNING + datetime.timedelta(days=30)
    )
    urls = found(client, "ネットワーク")
    assert urls == [
        newer_event.get_absolute_url(),  # title as typed: newest first
        older_event.get_absolute_url(),
        in_title_exact.get_absolute_url(),
        in_title_folded.get_absolute_url(),
        in_text_exact.get_absolute_url(),
        in_text_folded.get_absolute_url(),
    ]


def test_snippets_mark_the_matches_and_escape_everything(client):
    PageFactory(
        title="<b>危険</b>なタイトル",
        body="<p>前置きの文章。&lt;script&gt;alert(1)&lt;/script&gt; ネットワークの話。</p>",
    )
    html = search(client, q="ネット")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>ネット</mark>ワークの話。" in html
    assert "<script>alert" not in html
    assert "&lt;b&gt;危険&lt;/b&gt;なタイトル" in found_title(html)
    html = search(client, q="<script>")
    assert "<mark>&lt;script&gt;</mark>alert(1)" in html


def found_title(html):
    return re.search(r'<h3 class="search-result__title">(.*?)</h3>', html).group(1)


def test_matches_written_in_another_width_are_marked_where_they_are(client):
    PageFactory(title="ﾈｯﾄﾜｰｸの会", body="<p>ｶﾞｲﾄﾞと案内。</p>")
    html = search(client, q="ネットワーク")
    assert "<mark>ﾈｯﾄﾜｰｸ</mark>の会" in html
    html = search(client, q="がいど")
    assert "<mark>ｶﾞｲﾄﾞ</mark>と案内。" in html


def test_a_long_text_is_cut_around_its_first_match(client):
    body = "<p>" + "あ" * 300 + "</p><p>" + "い" * 100 + "目印" + "う" * 300 + "</p>"
    PageFactory(title="長い文章", body=body)
    snippet = re.search(
        r'<p class="search-result__snippet">(.*?)</p>', search(client, q="目印")
    ).group(1)
    assert snippet.startswith("…い") and snippet.endswith("う…")
    assert "<mark>目印</mark>" in snippet
    assert len(re.sub(r"</?mark>", "", snippet)) <= 125


def test_results_are_paginated_with_the_count(client):
    TopicFactory.create_batch(RESULTS_PER_PAGE + 5, title="定例会のお知らせ")
    first = search(client, q="定例会")
    assert count_of(first) == RESULTS_PER_PAGE + 5
    assert len(RESULT_LINK.findall(first)) == RESULTS_PER_PAGE
    assert 'href="?q=%E5%AE%9A%E4%BE%8B%E4%BC%9A&amp;page=2"' in first
    second = search(client, q="定例会", page=2)
    assert len(RESULT_LINK.findall(second)) == 5
    assert '<ol class="search-results__list" start="21">' in second
    assert set(RESULT_LINK.findall(first)).isdisjoint(RESULT_LINK.findall(second))


def test_no_hits_offer_help_and_the_site_map(client):
    PageFactory(title="ページ")
    html = search(client, q="存在しない言葉")
    assert count_of(html) == 0
    assert "「存在しない言葉」に一致する情報は見つかりませんでした。" in html
    assert "探し方のヒント" in html and 'href="/sitemap/"' in html
    assert "search-results__list" not in html


def test_an_empty_query_shows_the_form_and_help(client):
    html = search(client, q="  ")
    assert 'id="search-q"' in html and "探し方のヒント" in html
    assert "search-results__count" not in html


def test_the_query_is_bounded(client):
    PageFactory(title="あ" * 50)
    html = search(client, q="あ" * 500)
    assert 'value="' + "あ" * 100 + '"' in html
    assert "最初の100文字・8語までで探しました" in html
    many = " ".join(f"語{n}" for n in range(20))
    assert "最初の100文字・8語までで探しました" in search(client, q=many)


def test_the_search_page_is_not_indexed(client):
    response = client.get("/search/", {"q": "ネット"})
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "/search/" not in client.get("/sitemap.xml").content.decode()


def test_like_wildcards_and_fts_syntax_are_literal(client):
    PageFactory(title="百パーセント", body="<p>OR AND NEAR</p>")
    expected = {"%": 0, "_": 0, "*": 0, "\\": 0, "NEAR(": 0, "a:b": 0, "OR": 1, "near": 1}
    for q, count in expected.items():
        assert count_of(search(client, q=q)) == count, q
    search(client, q='"')  # a lone quote is no term: the empty form


def test_a_cached_result_page_follows_content_changes(client):
    """Anonymous result pages come from the page cache; a save retires them."""
    page = PageFactory(title="お知らせ一")
    assert count_of(search(client, q="お知らせ")) == 1
    TopicFactory(title="お知らせ二")
    assert count_of(search(client, q="お知らせ")) == 2
    page.title = "告知一"
    page.save()
    assert count_of(search(client, q="お知らせ")) == 1


def test_a_signed_in_visitor_gets_the_same_results(client):
    PageFactory(title="お知らせ")
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    assert count_of(search(client, q="お知らせ")) == 1
