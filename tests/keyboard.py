"""Keyboard-only use in browser tests: move the focus with Tab, check that it can be seen."""


def tab_to(page, predicate_js, limit=120):
    """Press Tab until ``predicate_js`` (an expression about the focused element ``el``) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => !!el && !!({predicate_js}))(document.activeElement)"):
            return
    raise AssertionError(f"never reached an element where {predicate_js}")


def focus_is_visible(page):
    """The focused element has an outline of at least 2 px."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"
    )
