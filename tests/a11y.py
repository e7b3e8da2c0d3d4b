"""axe-core accessibility checks for browser tests (axe's script ships in axe-playwright-python)."""

from pathlib import Path

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
    return results["violations"]


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found violations on {page.url}:\n{report}"
