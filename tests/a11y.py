"""Accessibility checks for browser tests: axe-core (its script ships in axe-playwright-python)
and keyboard use."""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page):
    """Run axe on the current page (WCAG 2.x A/AA and best practices) and return its violations."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    record_axe_run(page.url, results["violations"])
    return results["violations"]


def record_axe_run(url, violations):
    """With A11Y_RESULTS_DIR set, note the page and the WCAG tags of its violations for the
    試験結果 page (``manage.py publish_accessibility_results``)."""
    folder = os.environ.get("A11Y_RESULTS_DIR")
    if not folder:
        return
    parts = urlsplit(url)
    tags = sorted({tag for violation in violations for tag in violation["tags"]})
    Path(folder).mkdir(parents=True, exist_ok=True)
    with open(Path(folder) / "axe.jsonl", "a", encoding="utf-8") as log:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        log.write(json.dumps({"url": path, "violated_tags": tags}, ensure_ascii=False) + "\n")


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found violations on {page.url}:\n{report}"
