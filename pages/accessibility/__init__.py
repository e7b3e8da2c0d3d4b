"""The JIS X 8341-3:2016 試験結果 (WAIC method) from the project's own automated runs (axe, the Nu
HTML Checker) and the checked-in record of the manual checks (``manual_checks.json``).

``build_report`` merges them: a criterion an automated run found violated is 不適合 whatever the
manual record says; otherwise the manual result (適合 / 非該当 / 不適合) stands. The management
command ``publish_accessibility_results`` renders the report into the 試験結果 page."""

import json
import re
from pathlib import Path

MANUAL_CHECKS = Path(__file__).with_name("manual_checks.json")

PASS, NOT_APPLICABLE, FAIL = "適合", "非該当", "不適合"
RESULTS = (PASS, NOT_APPLICABLE, FAIL)

# The 38 success criteria of JIS X 8341-3:2016 (WCAG 2.0) at levels A and AA, with their JIS titles.
CRITERIA = [
    ("1.1.1", "A", "非テキストコンテンツ"),
    ("1.2.1", "A", "音声しか含まないメディア及び映像しか含まないメディア（収録済み）"),
    ("1.2.2", "A", "キャプション（収録済み）"),
    ("1.2.3", "A", "音声解説，又はメディアに対する代替コンテンツ（収録済み）"),
    ("1.2.4", "AA", "キャプション（ライブ）"),
    ("1.2.5", "AA", "音声解説（収録済み）"),
    ("1.3.1", "A", "情報及び関係性"),
    ("1.3.2", "A", "意味のある順序"),
    ("1.3.3", "A", "感覚的な特徴"),
    ("1.4.1", "A", "色の使用"),
    ("1.4.2", "A", "音声の制御"),
    ("1.4.3", "AA", "コントラスト（最低限レベル）"),
    ("1.4.4", "AA", "テキストのサイズ変更"),
    ("1.4.5", "AA", "文字画像"),
    ("2.1.1", "A", "キーボード"),
    ("2.1.2", "A", "キーボードトラップなし"),
    ("2.2.1", "A", "タイミング調整可能"),
    ("2.2.2", "A", "一時停止，停止及び非表示"),
    ("2.3.1", "A", "3回の閃光，又は閾値以下"),
    ("2.4.1", "A", "ブロックスキップ"),
    ("2.4.2", "A", "ページタイトル"),
    ("2.4.3", "A", "フォーカス順序"),
    ("2.4.4", "A", "リンクの目的（コンテキスト内）"),
    ("2.4.5", "AA", "複数の手段"),
    ("2.4.6", "AA", "見出し及びラベル"),
    ("2.4.7", "AA", "フォーカスの可視化"),
    ("3.1.1", "A", "ページの言語"),
    ("3.1.2", "AA", "一部分の言語"),
    ("3.2.1", "A", "フォーカス時"),
    ("3.2.2", "A", "入力時"),
    ("3.2.3", "AA", "一貫したナビゲーション"),
    ("3.2.4", "AA", "一貫した識別性"),
    ("3.3.1", "A", "エラーの特定"),
    ("3.3.2", "A", "ラベル又は説明"),
    ("3.3.3", "AA", "エラー修正の提案"),
    ("3.3.4", "AA", "エラー回避（法的，金融及びデータ）"),
    ("4.1.1", "A", "構文解析"),
    ("4.1.2", "A", "名前（name）・役割（role）及び値（value）"),
]
CRITERION_NUMBERS = {number for number, _level, _title in CRITERIA}
# The Nu HTML Checker's errors are failures of 4.1.1 (構文解析).
NU_CRITERION = "4.1.1"


def axe_criteria(tags):
    """axe rule tags → the success criteria of the list: ``wcag143`` → ``1.4.3``."""
    found = set()
    for tag in tags:
        match = re.fullmatch(r"wcag(\d)(\d)(\d+)", tag)
        if match and ".".join(match.groups()) in CRITERION_NUMBERS:
            found.add(".".join(match.groups()))
    return found


def load_manual_checks(path=MANUAL_CHECKS):
    record = json.loads(Path(path).read_text(encoding="utf-8"))
    missing = CRITERION_NUMBERS - set(record["criteria"])
    if missing:
        raise ValueError(f"The manual record lacks criteria: {', '.join(sorted(missing))}")
    for number, entry in record["criteria"].items():
        if entry["result"] not in RESULTS:
            raise ValueError(f"{number}: the result must be one of {RESULTS}")
    return record


def load_automated_runs(folder):
    """The runs the test suite recorded in ``folder`` (A11Y_RESULTS_DIR): ``axe.jsonl`` (one line
    per page checked: url, violated tags) and ``vnu.json`` (pages checked, errors per page)."""
    folder = Path(folder)
    pages, violations = set(), {}
    axe_file, vnu_file = folder / "axe.jsonl", folder / "vnu.json"
    if not axe_file.is_file() or not vnu_file.is_file():
        raise FileNotFoundError(f"{folder} needs axe.jsonl and vnu.json from a test run")
    for line in axe_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            run = json.loads(line)
            pages.add(run["url"])
            for number in axe_criteria(run["violated_tags"]):
                violations.setdefault(number, set()).add(f"axe: {run['url']}")
    vnu = json.loads(vnu_file.read_text(encoding="utf-8"))
    pages.update(vnu["pages"])
    for url, count in vnu["errors"].items():
        if count:
            violations.setdefault(NU_CRITERION, set()).add(f"Nu HTML Checker: {url}")
    return sorted(pages), violations


def build_report(manual, pages, violations, tested_on):
    rows = []
    for number, level, title in CRITERIA:
        entry = manual["criteria"][number]
        found = sorted(violations.get(number, ()))
        result = FAIL if found else entry["result"]
        note = "; ".join(found) if found else entry.get("note", "")
        rows.append({"number": number, "level": level, "title": title, "result": result,
                     "note": note})  # fmt: skip
    conforms = all(row["result"] != FAIL for row in rows)
    return {
        "tested_on": tested_on,
        "standard": "JIS X 8341-3:2016",
        "target": "AA",
        "conformance": "AA 準拠" if conforms else "AA 一部準拠",
        "pages": pages,
        "rows": rows,
        "methods": manual.get("methods", ""),
        "manual_checked_on": manual.get("checked_on", ""),
    }
