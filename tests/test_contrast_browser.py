"""Focus indicators and control borders measured in Chromium: computed colours, WCAG contrast."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Focus an element by selector, as a keyboard user would see it; return the colours that matter.
MEASURE = """
([selector, focus]) => {
  const element = document.querySelector(selector);
  if (focus) { element.focus({focusVisible: true}); }
  const style = getComputedStyle(element);
  let background = 'rgba(0, 0, 0, 0)';
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') { background = colour; break; }
  }
  return {
    focused: document.activeElement === element && element.matches(':focus-visible'),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
    borderColor: style.borderTopColor,
    background: background,
  };
}
"""


def rgb(css):
    values = [float(part) for part in re.findall(r"[\d.]+", css)[:4]]
    if len(values) == 4 and values[3] == 0:
        return (255.0, 255.0, 255.0)  # nothing painted behind: the canvas is white
    return tuple(values[:3])


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(rgb(first)), luminance(rgb(second))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_helper_tells_faint_from_strong():
    # positive and negative controls for the measurement below
    assert contrast("rgb(222, 226, 230)", "rgb(255, 255, 255)") < 1.5  # Bootstrap's #dee2e6
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(245, 163, 0)", "rgba(0, 0, 0, 0)") < 3  # an amber ring on white


CONTROLS = {
    "input": "#id_name",
    "select": "#id_prefecture",
    "checkbox": "#id_publish_consent",
    "button": "form.apply-form button[type=submit]",
}


@pytest.mark.parametrize("kind", CONTROLS)
def test_focus_outline_and_border_of_form_controls_reach_3_to_1(page, migration_data, kind):
    page.goto("/apply/")
    selector = CONTROLS[kind]
    measured = page.evaluate(MEASURE, [selector, True])
    assert measured["focused"], measured
    assert measured["outlineStyle"] != "none", measured
    assert measured["outlineWidth"] >= 2, measured
    assert contrast(measured["outlineColor"], measured["background"]) >= 3, measured
    if kind != "button":
        page.evaluate("document.activeElement.blur()")
        unfocused = page.evaluate(MEASURE, [selector, False])
        assert contrast(unfocused["borderColor"], unfocused["background"]) >= 3, unfocused


@pytest.mark.parametrize(("url", "selector"), [("/supporters/", "#supporter-search-q")])
def test_search_box_border_reaches_3_to_1(page, url, selector):
    page.goto(url)
    measured = page.evaluate(MEASURE, [selector, False])
    assert contrast(measured["borderColor"], measured["background"]) >= 3, measured
