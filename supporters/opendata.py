"""Open data of the published supporters: CSV (UTF-8 with BOM) and JSON with the same columns.

The import (``supporters.importer``) reads the CSV this module writes, so the column headers
below are a contract: change them only together with the import.
"""

import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from core import spreadsheets
from core.prefectures import PrefectureGroup

CSV_FILENAME = "next-tohoku-meetup-supporters.csv"
CATEGORY_SEPARATOR = ";"
TITLE = "NEXT TOHOKU MEETUP サポーターズ一覧"
PUBLISHER = "経済産業省 東北経済産業局"
LICENSE = "政府標準利用規約（第2.0版）（クリエイティブ・コモンズ 表示 4.0 国際 と互換）"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/legalcode.ja"
YES = "はい"


@dataclass(frozen=True)
class Column:
    key: str  # JSON key
    header: str  # CSV header (Japanese)
    description: str
    example: str


COLUMNS = [
    Column("slug", "識別子", "サポーターごとに固有の英数字。掲載ページの URL の末尾と同じです。", "touhokusapoto"),
    Column("name", "名称", "掲載している名称（表示名）。", "株式会社東北サポート"),
    Column("reading", "ふりがな", "名称の読み。ひらがな又はカタカナ。", "とうほくさぽーと"),
    Column("kind", "種別", "「企業」「団体」「個人」のいずれか。", "企業"),
    Column("prefecture_code", "都道府県コード", "JIS X 0401 の2桁のコード。所在地の都道府県がない場合は空欄。", "04"),
    Column("prefecture", "都道府県", "所在地の都道府県名。", "宮城県"),
    Column("group", "地域区分", "一覧での区分。青森県・岩手県・宮城県・秋田県・山形県・福島県のほかは「その他」。", "宮城県"),
    Column("municipality", "市区町村", "所在地の市区町村（個人の場合は本人が掲載に同意したときのみ）。", "仙台市"),
    Column("categories", "取組分野", "該当する取組分野。複数の場合は半角セミコロン「;」で区切ります。", "地域課題の解決;学びの場の提供"),
    Column("introduction", "紹介文", "サポーターの紹介文。改行を含むことがあります。", "地域と企業をつなぐ取組を行っています。"),
    Column("website", "ウェブサイト", "ウェブサイトの URL（個人の場合は本人が掲載に同意したときのみ）。", "https://example.jp/"),
    Column("corporate_number", "法人番号", "国税庁が指定する13桁の法人番号（企業・団体で届出のあった場合）。", "1234567890123"),
    Column("joined_on", "参加日", "サポーターズに参加した日（西暦、YYYY-MM-DD）。", "2021-03-01"),
    Column("url", "掲載ページ", "このサイトの掲載ページの URL。", f"{settings.SITE_URL}/supporters/s/touhokusapoto/"),
    Column("logo_url", "ロゴ画像", "ロゴ画像（幅400ピクセル以内、WebP 形式）の URL。ロゴ画像は利用規約の対象外です。", ""),
    Column("is_sample", "サンプル", "表示確認用の架空のデータは「はい」、それ以外は空欄。", ""),
    Column("updated_at", "更新日", "掲載内容を最後に更新した日（西暦、YYYY-MM-DD）。", "2026-11-25"),
]  # fmt: skip
HEADERS = [column.header for column in COLUMNS]


def published_for_open_data():
    from .models import Supporter

    return Supporter.objects.published().prefetch_related("categories")


def row_for(supporter) -> dict:
    """The open-data values of one supporter, keyed like ``COLUMNS``. Only what is public."""
    logo_url = ""
    if supporter.logo_large:
        logo_url = f"{settings.SITE_URL}{supporter.logo_large.url}"
    return {
        "slug": supporter.slug,
        "name": supporter.name,
        "reading": supporter.reading,
        "kind": supporter.get_kind_display(),
        "prefecture_code": supporter.prefecture,
        "prefecture": supporter.prefecture_name,
        "group": PrefectureGroup(supporter.group).label,
        "municipality": supporter.public_municipality,
        "categories": [category.label for category in supporter.categories.all()],
        "introduction": supporter.introduction,
        "website": supporter.public_website,
        "corporate_number": supporter.corporate_number,
        "joined_on": supporter.joined_on.isoformat() if supporter.joined_on else "",
        "url": f"{settings.SITE_URL}{supporter.get_absolute_url()}",
        "logo_url": logo_url,
        "is_sample": supporter.is_sample,
        "updated_at": timezone.localtime(supporter.updated_at).date().isoformat(),
    }


def build_csv(supporters=None) -> bytes:
    """UTF-8 with a BOM (so that Excel shows the Japanese), CRLF line ends, every field quoted
    where needed; a header row of ``HEADERS``."""
    supporters = published_for_open_data() if supporters is None else supporters
    buffer = io.StringIO()
    writer = spreadsheets.writer(buffer)  # formula-safe; the import removes the guard
    writer.writerow(HEADERS)
    for supporter in supporters:
        row = row_for(supporter)
        row["categories"] = CATEGORY_SEPARATOR.join(row["categories"])
        row["is_sample"] = YES if row["is_sample"] else ""
        writer.writerow([row[column.key] for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def build_json(supporters=None) -> bytes:
    supporters = published_for_open_data() if supporters is None else supporters
    rows = [row_for(supporter) for supporter in supporters]
    document = {
        "title": TITLE,
        "publisher": PUBLISHER,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "count": len(rows),
        "columns": {column.key: column.header for column in COLUMNS},
        "supporters": rows,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
