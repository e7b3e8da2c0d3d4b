"""/supporters/ and /supporters/<group>/: fixed group order, 五十音 sort, filters, counts."""

import re

import pytest
from django.template.loader import render_to_string

from core.prefectures import PrefectureGroup
from supporters.models import Supporter

from .factories import SupporterFactory, bulk_supporters

pytestmark = pytest.mark.django_db


def positions(html, *texts):
    found = [html.index(text) for text in texts]
    return found


def supporters_named(field, values):
    """One supporter for each name, in the order given, with ``field`` set to its value."""
    for name, value in values.items():
        SupporterFactory(name=name, **{field: value})


def test_groups_come_in_the_fixed_order_with_counts(client):
    supporters_named(
        "prefecture",
        {"福島の会": "07", "青森の会": "02", "東京の会": "13", "県なしの会": "", "宮城の会": "04"},
    )
    html = client.get("/supporters/").content.decode()
    headings = re.findall(r'<h2 id="group-([a-z]+)"', html)
    assert headings == PrefectureGroup.values
    assert headings == ["aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima", "other"]
    assert '青森県<span class="supporter-group__count">（1件）' in html
    assert '岩手県<span class="supporter-group__count">（0件）' in html
    assert 'その他<span class="supporter-group__count">（2件）' in html
    # Each supporter sits under its own group's heading.
    other = html.index('id="group-other"')
    fukushima = html.index('id="group-fukushima"')
    assert fukushima < html.index("福島の会") < other
    assert other < html.index("東京の会") and other < html.index("県なしの会")


def test_gojuon_order_mixes_katakana_and_hiragana_readings(client):
    supporters_named(
        "reading",
        {
            "さくら工房": "さくらこうぼう",
            "アオバ商会": "アオバショウカイ",
            "いろは舎": "いろはしゃ",
            "カガヤキ": "カガヤキ",
            "がっこう部": "がっこうぶ",
            "ユーアイ": "ユーアイ",
            "ゆうき会": "ゆうきかい",
        },
    )
    html = client.get("/supporters/").content.decode()
    names = [
        "アオバ商会",
        "いろは舎",
        "カガヤキ",
        "がっこう部",
        "さくら工房",
        "ユーアイ",
        "ゆうき会",
    ]
    assert positions(html, *names) == sorted(positions(html, *names))
    group_html = client.get("/supporters/miyagi/").content.decode()
    assert positions(group_html, *names) == sorted(positions(group_html, *names))


def test_katakana_and_hiragana_spellings_of_one_reading_sort_side_by_side(client):
    supporters_named(
        "reading",
        {
            "とうほく（ひらがな）": "とうほくかい",
            "ナカマ": "なかま",
            "トウホク（カタカナ）": "トウホクカイ",
            "あさひ": "あさひ",
        },
    )
    keys = list(Supporter.objects.values_list("name", flat=True))
    assert keys[0] == "あさひ" and keys[-1] == "ナカマ"
    assert set(keys[1:3]) == {"とうほく（ひらがな）", "トウホク（カタカナ）"}


def test_group_page_shows_only_its_group(client):
    supporters_named(
        "prefecture", {"宮城のサポーター": "04", "岩手のサポーター": "03", "大阪のサポーター": "27"}
    )
    html = client.get("/supporters/miyagi/").content.decode()
    assert "宮城のサポーター" in html
    assert "岩手のサポーター" not in html and "大阪のサポーター" not in html
    assert "<h1" in html and "宮城県のサポーターズ" in html
    other = client.get("/supporters/other/").content.decode()
    assert "大阪のサポーター" in other and "宮城のサポーター" not in other


@pytest.mark.parametrize("url", ["/supporters/tokyo/", "/supporters/Miyagi/", "/supporters/04/"])
def test_unknown_group_is_404(client, url):
    assert client.get(url).status_code == 404


def test_group_page_filters_by_kind_and_category_and_counts_results(client):
    SupporterFactory(name="学びの企業", kind="company", categories=["learning"])
    SupporterFactory(name="学びの団体", kind="organisation", categories=["learning", "startups"])
    SupporterFactory(name="移住の団体", kind="organisation", categories=["migration"])
    html = client.get("/supporters/miyagi/?kind=organisation").content.decode()
    assert "学びの団体" in html and "移住の団体" in html and "学びの企業" not in html
    assert "2件" in html
    html = client.get("/supporters/miyagi/?kind=organisation&category=learning").content.decode()
    assert "学びの団体" in html and "移住の団体" not in html and "学びの企業" not in html
    assert '<span class="supporter-results__count">1件</span>' in html
    assert 'value="organisation" selected' in html  # the form keeps the choice


def test_invalid_filter_values_are_ignored(client):
    SupporterFactory(name="残るサポーター")
    response = client.get("/supporters/miyagi/?kind=robot&category=nothing&page=zzz")
    assert response.status_code == 200
    assert "残るサポーター" in response.content.decode()


def test_group_page_paginates_beyond_fifty(client):
    bulk_supporters(120)
    first = client.get("/supporters/miyagi/").content.decode()
    assert '<span class="supporter-results__count">120件</span>' in first
    assert first.count('class="supporter-card"') == 50
    assert "120件中 1〜50件を表示" in first
    third = client.get("/supporters/miyagi/?page=3").content.decode()
    assert third.count('class="supporter-card"') == 20
    filtered = client.get("/supporters/miyagi/?category=relationship-population").content.decode()
    assert "?category=relationship-population&amp;page=2" in filtered


def test_directory_has_jump_links_and_a_tile_map_linking_to_groups(client):
    SupporterFactory(prefecture="05")
    SupporterFactory(prefecture="05")
    html = client.get("/supporters/").content.decode()
    for group in PrefectureGroup:
        assert f'href="#group-{group.value}"' in html
        assert f'href="/supporters/{group.value}/"' in html
    tile = re.search(
        r'tile-map__tile--akita">\s*<a[^>]*href="/supporters/akita/"(.*?)</a>', html, re.S
    )
    assert tile and "秋田県" in tile.group(1) and "2件" in tile.group(1)
    assert 'action="/supporters/search/"' in html and 'role="search"' in html


def test_search_box_on_the_directory_searches_all_groups(client):
    supporters_named("prefecture", {"青森の学び舎": "02", "福島の学び舎": "07", "宮城の商店": "04"})
    html = client.get("/supporters/search/", {"q": "学び舎"}).content.decode()
    assert "青森の学び舎" in html and "福島の学び舎" in html and "宮城の商店" not in html
    assert '<span class="supporter-results__count">2件</span>' in html


def test_home_section_include_shows_groups_with_counts_and_links(client):
    SupporterFactory(prefecture="02")
    SupporterFactory(prefecture="13")
    groups = Supporter.objects.published().group_counts()
    html = render_to_string("supporters/includes/home_section.html", {"supporter_groups": groups})
    assert 'href="/supporters/aomori/"' in html and 'href="/supporters/other/"' in html
    assert html.count("1件") == 2 and 'href="/supporters/"' in html


def test_group_counts_take_one_query_and_list_every_group(django_assert_num_queries):
    SupporterFactory(prefecture="02")
    SupporterFactory(prefecture="02", status="draft")
    with django_assert_num_queries(1):
        counts = Supporter.objects.published().group_counts()
    assert [c.value for c in counts] == PrefectureGroup.values
    assert counts[0].count == 1 and sum(c.count for c in counts) == 1


def test_every_supporter_page_has_one_h1_and_no_inline_style_or_script(client):
    supporter = SupporterFactory(categories=["learning"])
    urls = [
        "/supporters/",
        "/supporters/miyagi/",
        "/supporters/miyagi/?q=テスト&kind=company",
        "/supporters/search/?q=テスト",
        "/supporters/open-data/",
        supporter.get_absolute_url(),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, url
        assert " style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
