"""Cost that grows with the data: at 2,000 supporters and 1,000 events every public page stays
within 150 KB of HTML; the directory's top page shows each group's count and a bounded preview,
and the calendar feed carries upcoming events and the past 12 months in at most 150 KB."""

import datetime

import pytest
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.prefectures import PrefectureGroup
from events.models import CALENDAR_FEED_PAST_DAYS, Event
from pages.models import Page, Topic
from supporters.models import Supporter
from supporters.views import DIRECTORY_PREVIEW

pytestmark = pytest.mark.django_db

MAX_HTML = 150 * 1024
MAX_FEED = 150 * 1024
PUBLIC_PAGES = [
    "/",
    "/supporters/",
    *(f"/supporters/{group}/" for group in PrefectureGroup.values),
    "/supporters/miyagi/?page=2",
    "/supporters/search/?q=サンプル",
    "/supporters/open-data/",
    "/events/",
    "/events/?page=2",
    "/events/past/",
    "/events/past/?page=20",
    "/topics/",
    "/apply/",
    "/search/?q=サンプル",
    "/sitemap/",
    "/events/series/",
]


def busiest_month():
    months = Event.objects.live().annotate(month=TruncMonth("starts_at")).values("month")
    busiest = months.annotate(n=Count("pk")).order_by("-n").first()["month"]
    return f"/events/calendar/{busiest.year}/{busiest.month}/"


DETAIL_PAGES = {
    "calendar": busiest_month,
    "event": lambda: Event.objects.live().upcoming().last().get_absolute_url(),
    "supporter": lambda: Supporter.objects.published().last().get_absolute_url(),
    "topic": lambda: Topic.objects.live().first().get_absolute_url(),
    "page": lambda: Page.objects.live().first().get_absolute_url(),
    "registration": lambda: reverse(
        "registrations:register",
        args=[Event.objects.live().upcoming().filter(registration_mode="portal").first().slug],
    ),
}


@pytest.fixture(scope="module")
def volume(django_db_setup, django_db_blocker):
    """seed_demo --supporters 2000 --events 1000, once for the module (rolled back at its end)."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("seed_demo", verbosity=0, supporters=2000, events=1000)
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_the_volume_is_there(volume):
    assert Supporter.objects.published().count() >= 2000
    assert Event.objects.live().count() >= 1000
    # Every second day, upcoming ones half a year ahead (events/demo.py): the feed's window is
    # full, not emptied to meet the bound.
    assert Event.objects.live().in_calendar_feed().count() >= 270


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_stays_within_150_kb(client, volume, url):
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.content) <= MAX_HTML, f"{url}: {len(response.content) // 1024} KB"


@pytest.mark.parametrize("kind", DETAIL_PAGES)
def test_detail_pages_and_the_busiest_calendar_month_stay_within_150_kb(client, volume, kind):
    url = DETAIL_PAGES[kind]()
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.content) <= MAX_HTML, f"{url}: {len(response.content) // 1024} KB"


def test_the_directory_shows_counts_and_a_bounded_preview(client, volume):
    html = client.get("/supporters/").content.decode()
    published = Supporter.objects.published()
    counts = {g.value: g.count for g in published.group_counts()}
    miyagi = counts["miyagi"]
    assert miyagi > DIRECTORY_PREVIEW
    assert f"全{published.count()}件" in html
    assert f"宮城県のサポーターズ全{miyagi}件を見る" in html
    assert html.count('class="supporter-names__item"') <= DIRECTORY_PREVIEW * len(counts)
    first = published.in_group("miyagi").first()
    beyond = published.in_group("miyagi")[DIRECTORY_PREVIEW]
    assert f"/supporters/s/{first.slug}/" in html
    assert f"/supporters/s/{beyond.slug}/" not in html
    assert len(html.encode()) <= MAX_HTML


def test_the_feed_carries_upcoming_events_and_the_past_12_months(client, volume):
    response = client.get("/events/feed.ics")
    assert len(response.content) <= MAX_FEED, f"{len(response.content) // 1024} KB"
    compressed = client.get("/events/feed.ics", headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    assert len(compressed.content) < len(response.content) / 5
    uids = {str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    now = timezone.now()
    since = now - datetime.timedelta(days=CALENDAR_FEED_PAST_DAYS)
    live = Event.objects.live()
    old = live.filter(ends_at__lte=since).order_by("-ends_at").first()
    recent = live.filter(ends_at__gt=since, ends_at__lte=now).order_by("ends_at").first()
    upcoming = live.filter(ends_at__gt=now).order_by("-starts_at").first()
    assert old is not None and recent is not None and upcoming is not None
    in_feed = {
        event.pk: any(str(event.uid) in uid for uid in uids) for event in (old, recent, upcoming)
    }
    assert in_feed == {old.pk: False, recent.pk: True, upcoming.pk: True}
    assert len(uids) == live.filter(ends_at__gt=since).count()
