"""CSV import of a supporter list: validate every row first, report every bad row, and write
either all rows or none.

Accepts the files the open-data export writes (UTF-8 with BOM, the same Japanese headers) and
hand-made lists in UTF-8 or Shift_JIS (Excel's "CSV"). Rows are matched to existing supporters
by 識別子 (slug), or by 名称 when the 識別子 is empty; everything else is created.
"""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from core.prefectures import PREFECTURES, PrefectureGroup
from core.publishing import PublicationStatus
from core.spreadsheets import unguard_cell

from .categories import ActivityCategory
from .models import Category, Supporter
from .opendata import COLUMNS, YES
from .slugs import base_slug, next_free

MAX_IMPORT_BYTES = 5 * 1024 * 1024
REQUIRED = ["name", "reading", "kind"]
CHANGE_REASON = "CSV 取込"

HEADER_TO_KEY = {column.header: column.key for column in COLUMNS} | {
    column.key: column.key for column in COLUMNS
}
HEADER_OF = {column.key: column.header for column in COLUMNS}
KIND_BY_TEXT = {label: value for value, label in Supporter.Kind.choices} | {
    value: value for value in Supporter.Kind.values
}
PREFECTURE_BY_NAME = {name: code for code, name in PREFECTURES}
CATEGORY_BY_TEXT = {label: value for value, label in ActivityCategory.choices} | {
    value: value for value in ActivityCategory.values
}
TOHOKU_GROUP_PREFECTURE = {
    group.label: PREFECTURE_BY_NAME[group.label]
    for group in PrefectureGroup
    if group != PrefectureGroup.OTHER
}
TRUE_TEXTS = {YES, "1", "true", "yes", "○", "〇"}
FALSE_TEXTS = {"", "いいえ", "0", "false", "no"}
SPLIT_CATEGORIES = re.compile(r"[;；、,，\n]+")
# Model fields compared to tell "updated" from "unchanged".
STORED_FIELDS = [
    "name", "reading", "kind", "prefecture", "municipality", "introduction", "website",
    "corporate_number", "joined_on", "is_sample", "publish_municipality", "publish_website",
]  # fmt: skip


class ImportFailed(Exception):
    """The file as a whole cannot be read (encoding, size, header)."""


@dataclass
class Problem:
    line: int
    column: str
    message: str

    def __str__(self):
        where = f"{self.line}行目" + (f"「{self.column}」" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    @property
    def summary(self):
        if not self.ok:
            return (
                f"{len(self.problems)}件の問題があるため取り込みませんでした"
                f"（{self.rows}行を確認、登録・更新は0件）。"
            )
        counts = f"新規 {self.created}件、更新 {self.updated}件、変更なし {self.unchanged}件"
        if self.dry_run:
            return f"確認のみ（まだ取り込んでいません）: {self.rows}行、{counts}。"
        return f"取り込みました: {self.rows}行、{counts}。"


@dataclass
class _Planned:
    line: int
    supporter: Supporter
    category_codes: list[str]
    is_new: bool
    changed: bool


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed("CSV ファイルの大きさは 5MB 以下にしてください。")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(
        "文字コードを判定できませんでした。UTF-8（BOM 付き可）又は Shift_JIS の CSV を選択してください。"
    )


def import_supporters(
    data: bytes | str,
    *,
    dry_run: bool,
    publish: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check every row of the CSV ``data``; unless ``dry_run`` and only when no row has a
    problem, save them all in one transaction. New supporters are drafts unless ``publish``."""
    report = ImportReport(dry_run=dry_run)
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed("CSV ファイルが空です。") from None
    keys = _read_header(header)
    records = []
    previous_line = reader.line_num
    for values in reader:
        line = previous_line + 1
        previous_line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        report.rows += 1
        if len(values) > len(keys) and any(value.strip() for value in values[len(keys) :]):
            report.problems.append(
                Problem(
                    line,
                    "",
                    f"列の数が見出し行より多くなっています（{len(values)}列、見出しは{len(keys)}列）。",
                )
            )
            continue
        values = [_uncell(value.strip()) for value in values[: len(keys)]]
        values += [""] * (len(keys) - len(values))  # a list may leave out empty last columns
        records.append((line, dict(zip(keys, values, strict=True))))

    planned = _plan(records, report, publish)
    column_order = {column.header: index for index, column in enumerate(COLUMNS)}
    report.problems.sort(key=lambda problem: (problem.line, column_order.get(problem.column, -1)))
    if progress:
        progress(len(records), len(records))
    if not report.ok:
        return report
    for item in planned:
        if item.is_new:
            report.created += 1
        elif item.changed:
            report.updated += 1
        else:
            report.unchanged += 1
    if dry_run:
        return report
    _apply(planned, progress)
    return report


def _uncell(value):
    """Undo the export's guard against spreadsheet formulas (「'=…」 → 「=…」)."""
    return unguard_cell(value)


def _read_header(header):
    keys = []
    unknown = []
    for raw in header:
        name = unicodedata.normalize("NFKC", raw).strip().removeprefix("\ufeff")
        key = HEADER_TO_KEY.get(name)
        if key is None:
            unknown.append(name)
        keys.append(key)
    if unknown:
        allowed = "、".join(column.header for column in COLUMNS)
        raise ImportFailed(
            f"1行目: 使えない列名があります（{'、'.join(unknown)}）。使える列名は {allowed} です。"
        )
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise ImportFailed(
            f"1行目: 同じ列が複数あります（{'、'.join(HEADER_OF[key] for key in duplicated)}）。"
        )
    missing = [HEADER_OF[key] for key in REQUIRED if key not in keys]
    if missing:
        raise ImportFailed(f"1行目: 必須の列がありません（{'、'.join(missing)}）。")
    return keys


def _plan(records, report, publish):
    """Build (unsaved) supporters for every row and collect every problem."""
    slugs_in_file = [row["slug"] for _, row in records if row.get("slug")]
    names_without_slug = [row["name"] for _, row in records if not row.get("slug")]
    existing = Supporter.objects.prefetch_related("categories")
    by_slug = {s.slug: s for s in existing.filter(slug__in=slugs_in_file)}
    by_name = {}
    for supporter in existing.filter(name__in=names_without_slug):
        by_name.setdefault(supporter.name, []).append(supporter)
    taken = set(Supporter.objects.values_list("slug", flat=True))
    seen_slugs = {}
    planned = []
    for line, row in records:
        problems = []
        supporter, is_new = _find(row, by_slug, by_name, line, problems)
        if supporter is None:
            report.problems.extend(problems)
            continue
        slug = row.get("slug", "")
        if slug in seen_slugs:
            problems.append(
                Problem(line, HEADER_OF["slug"], f"{seen_slugs[slug]}行目と同じ識別子です。")
            )
        elif slug:
            seen_slugs[slug] = line
        before = {name: getattr(supporter, name) for name in STORED_FIELDS}
        before_categories = sorted(c.code for c in supporter.categories.all()) if not is_new else []
        category_codes = _assign(supporter, row, line, problems)
        if is_new:
            if publish:
                supporter.status = PublicationStatus.PUBLISHED
            if not supporter.slug:
                supporter.slug = next_free(base_slug(supporter.reading or supporter.name), taken)
            taken.add(supporter.slug)
        supporter.prepare()
        _validate(supporter, line, problems)
        report.problems.extend(problems)
        after = {name: getattr(supporter, name) for name in STORED_FIELDS}
        changed = is_new or before != after or before_categories != sorted(category_codes)
        planned.append(_Planned(line, supporter, category_codes, is_new, changed))
    return planned


def _find(row, by_slug, by_name, line, problems):
    slug = row.get("slug", "")
    if slug:
        try:
            validate_slug(slug)
        except ValidationError:
            problems.append(
                Problem(
                    line,
                    HEADER_OF["slug"],
                    "識別子は半角英数字・ハイフン・下線で入力してください。",
                )
            )
            return None, False
        if slug in by_slug:
            return by_slug[slug], False
        return Supporter(slug=slug), True
    matches = by_name.get(row.get("name", ""), [])
    if len(matches) > 1:
        problems.append(
            Problem(
                line,
                HEADER_OF["name"],
                "同じ名称のサポーターが複数あります。識別子を指定してください。",
            )
        )
        return None, False
    if matches:
        return matches[0], False
    return Supporter(), True


def _assign(supporter, row, line, problems):
    """Copy the row's values onto ``supporter``; returns the category codes."""

    def problem(key, message):
        problems.append(Problem(line, HEADER_OF[key], message))

    for key in ("name", "reading", "introduction", "corporate_number"):
        if key in row:
            setattr(supporter, key, row[key])
    if "kind" in row:
        kind = KIND_BY_TEXT.get(unicodedata.normalize("NFKC", row["kind"]))
        if kind is None:
            problem("kind", "種別は「企業」「団体」「個人」のいずれかにしてください。")
        else:
            supporter.kind = kind
    prefecture = _prefecture(row, problem)
    if prefecture is not None:
        supporter.prefecture = prefecture
    individual = supporter.kind == Supporter.Kind.INDIVIDUAL
    for key, consent in (("municipality", "publish_municipality"), ("website", "publish_website")):
        if key not in row:
            continue
        value = row[key]
        if individual and not value and not getattr(supporter, consent):
            continue  # not published, so the export left it empty: keep what is stored
        setattr(supporter, key, value)
        if individual and value:
            setattr(supporter, consent, True)  # it was public in the list being imported
    if "joined_on" in row:
        supporter.joined_on = _date(row["joined_on"], lambda m: problem("joined_on", m))
    if "is_sample" in row:
        flag = unicodedata.normalize("NFKC", row["is_sample"]).casefold()
        if flag in TRUE_TEXTS:
            supporter.is_sample = True
        elif flag in FALSE_TEXTS:
            supporter.is_sample = False
        else:
            problem("is_sample", "サンプルは「はい」又は空欄にしてください。")
    codes = []
    if "categories" in row:
        for text in SPLIT_CATEGORIES.split(row["categories"]):
            text = unicodedata.normalize("NFKC", text).strip()
            if not text:
                continue
            code = CATEGORY_BY_TEXT.get(text)
            if code is None:
                problem("categories", f"取組分野「{text}」はありません。")
            elif code not in codes:
                codes.append(code)
    elif not supporter._state.adding:
        codes = [category.code for category in supporter.categories.all()]
    return codes


def _prefecture(row, problem):
    """The prefecture code from 都道府県コード, 都道府県 or (for Tohoku) 地域区分; None when the
    row has none of these columns."""
    if not {"prefecture_code", "prefecture", "group"} & row.keys():
        return None
    code = unicodedata.normalize("NFKC", row.get("prefecture_code", ""))
    if code:
        code = code.zfill(2)
        if code not in dict(PREFECTURES):
            problem("prefecture_code", "都道府県コードは 01〜47 の2桁で入力してください。")
            return None
    name = unicodedata.normalize("NFKC", row.get("prefecture", ""))
    by_name = ""
    if name:
        by_name = next(
            (
                PREFECTURE_BY_NAME[candidate]
                for candidate in (name, f"{name}県", f"{name}都", f"{name}府")
                if candidate in PREFECTURE_BY_NAME
            ),
            "",
        )
        if not by_name:
            problem("prefecture", f"都道府県「{name}」はありません。")
            return None
    if code and by_name and code != by_name:
        problem("prefecture", "都道府県と都道府県コードが一致しません。")
        return None
    result = code or by_name
    group = unicodedata.normalize("NFKC", row.get("group", ""))
    if not result and group in TOHOKU_GROUP_PREFECTURE:
        result = TOHOKU_GROUP_PREFECTURE[group]
    return result


def _date(text, report_problem):
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?", text)
    if match:
        try:
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            pass
    report_problem("日付は 2021-03-01 の形（西暦）で入力してください。")
    return None


def _validate(supporter, line, problems):
    try:
        supporter.full_clean(exclude=["logo"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        reported = {problem.column for problem in problems}
        for field_name, messages in error.message_dict.items():
            column = HEADER_OF.get(field_name, "")
            if not column and field_name != "__all__":
                column = str(Supporter._meta.get_field(field_name).verbose_name)
            if column and column in reported:
                continue  # the value was refused while reading it; one message is enough
            for message in messages:
                problems.append(Problem(line, column, message))


def _apply(planned, progress):
    categories = Category.objects.ensure_all()
    with transaction.atomic():
        for done, item in enumerate(planned, start=1):
            if item.changed:
                item.supporter._change_reason = CHANGE_REASON
                item.supporter.save()
                item.supporter.categories.set([categories[code] for code in item.category_codes])
            if progress and done % 100 == 0:
                progress(done, len(planned))
