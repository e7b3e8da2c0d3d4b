"""What a query means (search.query) and how matches are marked in text (search.snippets)."""

import pytest

from core.kana import normalise_for_search
from search.query import MAX_TERMS, Term, fold, parse
from search.snippets import folded_with_origins, highlight, matched_spans, snippet


def test_words_split_on_any_blank_and_phrases_keep_theirs():
    query = parse('  復興　ネット  "地域 の  担い手"  ')
    assert query.terms == (
        Term("復興", "復興"),
        Term("ネット", "ねっと"),
        Term("地域 の 担い手", "地域 の 担い手"),
    )
    assert not query.shortened


def test_an_unclosed_quote_runs_to_the_end_and_empty_quotes_are_nothing():
    assert [t.typed for t in parse('"ab cd').terms] == ["ab cd"]
    assert not parse('""') and not parse("   ")


def test_terms_are_folded_and_repeated_ones_dropped():
    query = parse("ＡＢＣ abc ﾈｯﾄ ネット")
    assert [(t.typed, t.folded) for t in query.terms] == [
        ("ＡＢＣ", "abc"),
        ("abc", "abc"),
        ("ﾈｯﾄ", "ねっと"),
        ("ネット", "ねっと"),
    ]  # each typed form counts for ranking
    assert parse("ネット ネット").terms == (Term("ネット", "ねっと"),)


def test_a_query_is_bounded():
    query = parse("あ" * 150)
    assert query.text == "あ" * 100 and query.shortened
    query = parse(" ".join(f"w{n}" for n in range(MAX_TERMS + 3)))
    assert len(query.terms) == MAX_TERMS and query.shortened


def test_short_terms_are_those_no_trigram_fits():
    assert parse("杜").terms[0].is_short and parse("復興").terms[0].is_short
    assert not parse("ネット").terms[0].is_short


@pytest.mark.parametrize(
    "text",
    [
        "ﾈｯﾄﾜｰｸ ｶﾞｲﾄﾞ",
        "㈱東北①",
        "Straße",
        "ＡＢＣ\u3000abc",
        "が\u3099",
        "\ufa19奈川",
        "ｶﾞｲﾄﾞ  と\n案内",
    ],
)
def test_the_folded_text_with_origins_is_the_folding_of_core_kana(text):
    folded, origins = folded_with_origins(text)
    assert folded == " ".join(normalise_for_search(text).split()) == fold(text)
    assert len(origins) == len(folded)
    assert all(0 <= start < end <= len(text) for start, end in origins)


def test_a_match_is_marked_on_the_characters_it_came_from():
    assert matched_spans("ｶﾞｲﾄﾞの案内", ["がいど"]) == [(0, 5)]
    assert highlight("㈱ネット", ["(株)"]) == "<mark>㈱</mark>ネット"
    assert highlight("ネットとねっと", ["ねっと"]) == "<mark>ネット</mark>と<mark>ねっと</mark>"
    assert highlight("ネットワーク", ["ねっと", "とわ"]) == "<mark>ネットワ</mark>ーク"


def test_everything_is_escaped():
    assert highlight("<b>&</b>", ["&"]) == "&lt;b&gt;<mark>&amp;</mark>&lt;/b&gt;"
    assert str(snippet("<script>x</script>", [])) == "&lt;script&gt;x&lt;/script&gt;"


def test_a_snippet_starts_a_little_before_the_first_match_on_its_line():
    text = "一行目の文章です。\n" + "か" * 50 + "目印" + "さ" * 200
    result = str(snippet(text, ["目印"], length=40, lead=10))
    assert result == "…" + "か" * 10 + "<mark>目印</mark>" + "さ" * 28 + "…"
    assert str(snippet("短い文。", ["ない"])) == "短い文。"
