"""Keyword search: NFKC and kana-insensitive, over name, reading and introduction."""

import pytest

from core.kana import normalise_for_search, reading_sort_key, romanise
from supporters.models import Supporter

from .factories import SupporterFactory

pytestmark = pytest.mark.django_db


def results(client, url, **params):
    return client.get(url, params).content.decode()


# (name, reading) of supporters the keywords below are meant to find or to pass over.
HOKU = ("とうほく未来会議", "みらいかいぎ")
UNRELATED = ("関係ない会社", "かんけいないかいしゃ")
ABC = ("ABCソリューションズ", "えーびーしーそりゅーしょんず")
XYZ = ("XYZ商事", "えっくすわいぜっとしょうじ")


@pytest.mark.parametrize(
    ("keyword", "wanted", "other"),
    [
        pytest.param("トウホク", HOKU, UNRELATED, id="katakana-finds-hiragana"),
        pytest.param("ＡＢＣ", ABC, XYZ, id="full-width-finds-half-width"),
        pytest.param("abc", ABC, XYZ, id="lower-case-finds-upper-case"),
        pytest.param("ｿﾘｭｰｼｮﾝ", ABC, XYZ, id="half-width-katakana-finds-full-width"),
    ],
)
def test_keyword_finds_a_name_written_in_another_kana_width_or_case(client, keyword, wanted, other):
    for name, reading in (wanted, other):
        SupporterFactory(name=name, reading=reading)
    for url in ["/supporters/miyagi/", "/supporters/search/"]:
        html = results(client, url, q=keyword)
        assert wanted[0] in html and other[0] not in html, url
        assert '<span class="supporter-results__count">1件</span>' in html, url


def test_search_covers_reading_and_introduction_and_needs_every_word(client):
    SupporterFactory(
        name="杜の会", reading="もりのかい", introduction="インターンシップを企画します。"
    )
    SupporterFactory(name="海の会", reading="うみのかい", introduction="移住の相談を受けます。")
    assert "杜の会" in results(client, "/supporters/search/", q="モリノ")
    assert "杜の会" in results(client, "/supporters/search/", q="いんたーんしっぷ")
    both = results(client, "/supporters/search/", q="杜　企画")  # ideographic space
    assert "杜の会" in both and "海の会" not in both
    assert "1件" in both
    none = results(client, "/supporters/search/", q="杜 移住")
    assert "0件" in none and "見つかりませんでした" in none


def test_like_wildcards_in_keywords_are_literal(client):
    SupporterFactory(name="百パーセント会", reading="ひゃくぱーせんとかい")
    assert "0件" in results(client, "/supporters/search/", q="%")
    assert "0件" in results(client, "/supporters/search/", q="_")


def test_search_text_is_recomputed_when_the_name_changes():
    supporter = SupporterFactory(name="旧名称", reading="きゅうめいしょう")
    supporter.name = "シンメイショウ株式会社"
    supporter.save(update_fields=["name"])
    assert Supporter.objects.search("しんめいしょう").get() == supporter
    assert not Supporter.objects.search("旧名称").exists()


def test_normalisation_rules():
    assert normalise_for_search("ＡＢＣ ｶﾅ トウホク") == "abc かな とうほく"
    assert reading_sort_key("トウホク") == reading_sort_key("とうほく")
    assert reading_sort_key("ユーアイ") == reading_sort_key("ゆうあい")
    # Voicing marks count only when everything else is equal (dictionary order).
    assert sorted(["かんこう", "かいしゃ", "がいこく"], key=reading_sort_key) == [
        "がいこく", "かいしゃ", "かんこう",
    ]  # fmt: skip
    assert sorted(["ぱぱ", "ばば", "はは"], key=reading_sort_key) == ["はは", "ばば", "ぱぱ"]


@pytest.mark.parametrize(
    ("reading", "slug"),
    [
        ("とうほくサポート", "touhokusapoto"),
        ("しゃしんかん", "shashinkan"),
        ("マッチング", "matchingu"),
        ("きょうそう ラボ", "kyousou-rabo"),
        ("ちょっと", "chotto"),
    ],
)
def test_readings_become_readable_url_names(reading, slug):
    assert romanise(reading) == slug


def test_slug_is_made_from_the_reading_and_kept_unique():
    first = SupporterFactory(slug="", reading="もりのかい")
    second = SupporterFactory(slug="", reading="モリノカイ")
    assert first.slug == "morinokai"
    assert second.slug == "morinokai-2"
    assert second.get_absolute_url() == "/supporters/s/morinokai-2/"
