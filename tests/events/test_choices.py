"""The event's states, formats and involvements are named by the model's choices, never retyped."""

import re
from pathlib import Path

import pytest

from events import ical, structured_data
from events.models import Event

ROOT = Path(__file__).resolve().parents[2]
CHOICES = [Event.State, Event.Format, Event.Involvement]


@pytest.mark.parametrize(
    ("mapping", "choices"),
    [
        (ical.STATUS, Event.State),
        (structured_data.EVENT_STATUS, Event.State),
        (structured_data.ATTENDANCE_MODE, Event.Format),
    ],
)
def test_mappings_are_keyed_by_every_member_of_the_choices(mapping, choices):
    assert all(type(key) is choices for key in mapping)
    assert set(mapping) == set(choices)


def test_no_choice_value_is_typed_as_a_string_outside_the_model():
    """A complement to the test above: a choice's value in quotes in the events code, templates
    or tests is a comparison that would silently miss a renamed choice."""
    values = "|".join(re.escape(member.value) for choices in CHOICES for member in choices)
    literal = re.compile(rf"""(["'])({values})\1""")
    files = [
        *(ROOT / "events").rglob("*.py"),
        *(ROOT / "events").rglob("*.html"),
        *(ROOT / "tests" / "events").glob("*.py"),
    ]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        if path.name != "models.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if literal.search(line)
    ]
    assert not found, "\n".join(found)
