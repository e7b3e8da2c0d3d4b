"""The event's change page in Chromium: an event is put in a series by keyboard (the
autocomplete field) as its first session, and the series then lists it."""

import pytest

from events.models import Event
from tests.core.test_admin_browser import signed_in

from .factories import EventFactory, EventSeriesFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_session_is_put_in_a_series_on_the_event_page(page):
    series = EventSeriesFactory(title="右腕人材育成プログラム")
    event = EventFactory(title="単発の講座")
    signed_in(page)
    page.goto(f"/admin/events/event/{event.pk}/change/")
    # the autocomplete by keyboard: open it, type part of the name, take the match
    page.locator("#id_series + .select2 .select2-selection").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("右腕")
    page.locator(".select2-results__option", has_text="右腕人材育成プログラム").wait_for()
    page.keyboard.press("Enter")
    assert page.locator("#id_series").input_value() == str(series.pk)
    page.fill("#id_series_number", "1")
    page.get_by_role("button", name="保存", exact=True).first.click()
    page.wait_for_url("**/admin/events/event/")
    event.refresh_from_db()
    assert (event.series_id, event.series_number) == (series.pk, 1)
    assert Event.objects.in_series(series).get() == event
    page.goto(f"/admin/events/eventseries/{series.pk}/change/")
    assert page.locator(".inline-related td.field-session").inner_text().strip() == "単発の講座"
