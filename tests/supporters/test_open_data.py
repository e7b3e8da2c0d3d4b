"""Open data: CSV with BOM and JSON of published supporters; the CSV round-trips through the import."""

import csv
import io
import json

import pytest

from core.publishing import PublicationStatus
from supporters.importer import import_supporters
from supporters.models import Supporter
from supporters.opendata import HEADERS

from .factories import SupporterFactory

pytestmark = pytest.mark.django_db


def csv_rows(content: bytes):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def make_supporters():
    SupporterFactory(
        complete=True,
        name="株式会社杜の共創",
        reading="もりのきょうそう",
        slug="mori-kyoso",
        prefecture="04",
        municipality="仙台市",
        introduction='一行目、カンマ, と "引用符" を含む紹介文。\n二行目。',
        categories=["business-matching", "learning"],
    )
    SupporterFactory(
        name="ＮＰＯ法人 会津つなぐ",
        reading="アイヅツナグ",
        slug="aizu-tsunagu",
        kind=Supporter.Kind.ORGANISATION,
        prefecture="07",
        municipality="会津若松市",
        categories=["regional-issues"],
        is_sample=True,
    )
    SupporterFactory(
        name="見本 太郎",
        reading="みほん たろう",
        slug="mihon-taro",
        kind=Supporter.Kind.INDIVIDUAL,
        prefecture="",
        municipality="非公開市",
        website="https://www.example.com/private/",
        categories=[],
    )


def test_csv_starts_with_a_bom_and_has_the_documented_columns(client):
    make_supporters()
    SupporterFactory(name="下書き", status=PublicationStatus.DRAFT)
    response = client.get("/supporters/open-data/supporters.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(response.content)
    assert list(rows[0].keys()) == HEADERS
    assert [row["名称"] for row in rows] == [
        "ＮＰＯ法人 会津つなぐ",
        "見本 太郎",
        "株式会社杜の共創",
    ]
    mori = rows[2]
    assert (
        mori["種別"] == "企業" and mori["都道府県コード"] == "04" and mori["地域区分"] == "宮城県"
    )
    assert mori["取組分野"] == "事業プラン策定・マッチング支援;学びの場の提供"
    assert mori["法人番号"] == "9234567890123" and mori["参加日"] == "2021-03-01"
    assert mori["掲載ページ"].endswith("/supporters/s/mori-kyoso/")
    assert mori["ロゴ画像"].endswith("-400w.webp")
    assert "\n二行目" in mori["紹介文"]
    assert rows[0]["サンプル"] == "はい" and mori["サンプル"] == ""
    taro = rows[1]
    assert taro["市区町村"] == "" and taro["ウェブサイト"] == "" and taro["地域区分"] == "その他"


def test_json_has_the_same_published_supporters(client):
    make_supporters()
    SupporterFactory(name="下書き", status=PublicationStatus.DRAFT)
    response = client.get("/supporters/open-data/supporters.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["count"] == 3 and len(data["supporters"]) == 3
    assert "政府標準利用規約" in data["license"]
    mori = next(s for s in data["supporters"] if s["slug"] == "mori-kyoso")
    assert mori["categories"] == ["事業プラン策定・マッチング支援", "学びの場の提供"]
    assert mori["is_sample"] is False


def test_open_data_page_explains_columns_encoding_and_terms(client):
    make_supporters()
    html = client.get("/supporters/open-data/").content.decode()
    assert html.count("<h1") == 1
    for header in HEADERS:
        assert f'<th scope="row">{header}</th>' in html
    assert "UTF-8（BOM 付き）" in html
    assert "政府標準利用規約（第2.0版）" in html and "CC BY 4.0" in html
    assert "出典" in html
    assert "サポーターズ一覧（CSV " in html and "KB）" in html
    assert 'href="/supporters/open-data/"' in client.get("/supporters/").content.decode()


def test_exported_csv_round_trips_through_the_import(client):
    make_supporters()
    exported = client.get("/supporters/open-data/supporters.csv").content

    # The same file imported again changes nothing.
    report = import_supporters(exported, dry_run=False)
    assert report.ok, report.problems
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)

    # Into an empty directory, it recreates the same listing, byte for byte.
    stored_private = Supporter.objects.get(slug="mihon-taro").municipality
    assert stored_private == "非公開市"
    Supporter.objects.all().delete()
    report = import_supporters(exported, dry_run=False, publish=True)
    assert report.ok, report.problems
    assert report.created == 3
    again = client.get("/supporters/open-data/supporters.csv").content
    normalise = [
        {k: v for k, v in row.items() if k not in {"ロゴ画像", "更新日"}} for row in csv_rows(again)
    ]
    expected = [
        {k: v for k, v in row.items() if k not in {"ロゴ画像", "更新日"}}
        for row in csv_rows(exported)
    ]
    assert normalise == expected
    mori = Supporter.objects.get(slug="mori-kyoso")
    assert sorted(mori.categories.values_list("code", flat=True)) == [
        "business-matching",
        "learning",
    ]


def test_csv_cells_that_would_run_as_formulas_are_guarded_and_restored_on_import(client):
    SupporterFactory(name='=HYPERLINK("https://evil.example/","押す")', slug="formula")
    exported = client.get("/supporters/open-data/supporters.csv").content
    row = csv_rows(exported)[0]
    assert row["名称"] == '\'=HYPERLINK("https://evil.example/","押す")'
    assert json.loads(client.get("/supporters/open-data/supporters.json").content)["supporters"][0][
        "name"
    ].startswith("=HYPERLINK")
    report = import_supporters(exported, dry_run=True)
    assert report.ok and report.unchanged == 1
