"""ウェブアクセシビリティ方針 and the 試験結果 page, generated from the automated runs (axe, vnu)
and the checked-in record of the manual checks."""

import datetime
import json
import re

import pytest
from django.core.management import CommandError, call_command

from pages import accessibility
from tests.clock import MORNING, Clock

pytestmark = pytest.mark.django_db

TESTED = ["/", "/apply/", "/events/calendar/2030/6/"]


def runs(folder, axe_tags=()):
    folder.mkdir(exist_ok=True)
    with open(folder / "axe.jsonl", "w", encoding="utf-8") as log:
        for url in TESTED[:2]:
            log.write(json.dumps({"url": url, "violated_tags": list(axe_tags)}) + "\n")
    (folder / "vnu.json").write_text(
        json.dumps({"pages": TESTED, "errors": dict.fromkeys(TESTED, 0)}), encoding="utf-8"
    )
    return folder


def test_the_record_covers_every_a_and_aa_criterion():
    assert len(accessibility.CRITERIA) == 38
    assert sum(level == "A" for _n, level, _t in accessibility.CRITERIA) == 25
    record = accessibility.load_manual_checks()
    assert set(record["criteria"]) == accessibility.CRITERION_NUMBERS


def test_results_page_lists_every_criterion_and_the_pages_tested(client, seeded, tmp_path):
    call_command("publish_accessibility_results", results=runs(tmp_path / "runs"), stdout=None)
    policy = client.get("/accessibility/").content.decode()
    assert "/accessibility/results/" in policy and "対象範囲" in policy and "例外" in policy
    response = client.get("/accessibility/results/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r"<tr><td>(\d\.\d\.\d)</td><th scope=\"row\">", html)
    assert sorted(rows) == sorted(number for number, _l, _t in accessibility.CRITERIA)
    for _number, _level, title in accessibility.CRITERIA:
        assert title.replace("，", "，") in html
    assert "対応度: AA 準拠" in html
    assert "JIS X 8341-3:2016" in html
    for url in TESTED:
        assert f"<li>{url}</li>" in html
    assert html.count("<td>非該当</td>") >= 1 and html.count("<td>適合</td>") >= 20


def test_a_violation_found_by_axe_makes_its_criterion_fail(client, seeded, tmp_path):
    call_command(
        "publish_accessibility_results", results=runs(tmp_path / "runs", ["wcag2aa", "wcag143"])
    )
    html = client.get("/accessibility/results/").content.decode()
    row = re.search(r"<tr><td>1\.4\.3</td>.*?</tr>", html).group()
    assert "<td>不適合</td>" in row and "axe: /apply/" in row
    assert "対応度: AA 一部準拠" in html
    other = re.search(r"<tr><td>1\.1\.1</td>.*?</tr>", html).group()
    assert "<td>適合</td>" in other  # control: the others keep the manual result


def test_the_date_changes_when_the_command_runs(client, seeded, tmp_path, monkeypatch):
    clock = Clock(monkeypatch)
    folder = runs(tmp_path / "runs")
    call_command("publish_accessibility_results", results=folder)
    assert "試験日: 2030年6月3日" in client.get("/accessibility/results/").content.decode()
    clock.set(MORNING + datetime.timedelta(days=2))
    call_command("publish_accessibility_results", results=folder)
    html = client.get("/accessibility/results/").content.decode()
    assert "試験日: 2030年6月5日" in html and "2030年6月3日" not in html


def test_the_command_refuses_to_publish_without_the_automated_runs(seeded, tmp_path):
    with pytest.raises(CommandError, match="axe.jsonl"):
        call_command("publish_accessibility_results", results=tmp_path / "nothing")


def test_results_page_has_no_nu_errors(client, seeded, tmp_path):
    from tests.test_nu_html import nu_errors

    call_command("publish_accessibility_results", results=runs(tmp_path / "runs"))
    page = tmp_path / "results.html"
    page.write_text(client.get("/accessibility/results/").content.decode(), encoding="utf-8")
    assert nu_errors([page]) == []
