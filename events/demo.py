"""Synthetic events for ``seed_demo --events M`` (benchmarks, lists and calendars at scale).

The real 2021 events of the seeds and the hand-written 【サンプル】 events are data, in
``fixtures/events.json``. Synthetic events are spread over past and future, always the same for
the same numbers, and bulk-created.

They come every second day (about 180 a year, the bureau's events and its supporters' together),
as a portal accumulates them: most lie in the past, and the upcoming ones reach no further than
events are announced ahead, half a year. So 1,000 events are five years of history plus the next
six months, not 500 events planned years ahead.
"""

import datetime
import uuid

from django.utils import timezone

from core.prefectures import group_for
from core.publishing import PublicationStatus
from core.richtext import render_rich_text

from .models import Event
from .periods import local_midnight, whole_days

PUBLISHED = PublicationStatus.PUBLISHED
UID_NAMESPACE = uuid.UUID("6f1c2a4e-8d3b-5b7e-9a0c-2e4f6a8b0c1d")
BUREAU = "東北経済産業局"

THEMES = ["交流会", "セミナー", "ワークショップ", "相談会", "ピッチイベント", "フォーラム"]
REGIONS = [
    ("02", "あおもり"), ("03", "いわて"), ("04", "みやぎ"), ("05", "あきた"),
    ("06", "やまがた"), ("07", "ふくしま"), ("13", "東京"), ("", "オンライン"),
]  # fmt: skip
INVOLVEMENTS = list(Event.Involvement)
DAYS_BETWEEN = 2
ANNOUNCED_AHEAD_DAYS = 183  # how far ahead upcoming events reach


def upcoming_share(total):
    """How many of ``total`` synthetic events lie after the anchor: half of a small number,
    at most the events of the next half year."""
    return min(total // 2, ANNOUNCED_AHEAD_DAYS // DAYS_BETWEEN)


def synthetic_event(index, total, anchor: datetime.date):
    """The ``index``-th of ``total`` synthetic events: every second day, the last
    ``upcoming_share(total)`` of them after ``anchor`` and the rest before it, with formats,
    involvements, regions and states in rotation."""
    prefecture, region = REGIONS[index % len(REGIONS)]
    first = total - upcoming_share(total)
    day = anchor + datetime.timedelta(days=DAYS_BETWEEN * (index - first))
    if not prefecture:
        event_format = Event.Format.ONLINE
    else:
        event_format = Event.Format.HYBRID if index % 5 == 0 else Event.Format.VENUE
    starts_at = local_midnight(day) + datetime.timedelta(hours=10 + index % 8)
    ends_at = starts_at + datetime.timedelta(hours=2)
    all_day = index % 11 == 0
    if all_day:
        starts_at, ends_at = whole_days(starts_at, starts_at + datetime.timedelta(days=1))
    state = Event.State.SCHEDULED
    if index % 13 == 0:
        state = Event.State.CANCELLED
    elif index % 17 == 0:
        state = Event.State.POSTPONED
    slug = f"synthetic-{index + 1:05d}"
    theme = THEMES[index % len(THEMES)]
    body = "<p>このイベントは負荷試験・表示確認用の架空のサンプルです。</p>"
    return Event(  # bulk-inserted: save() does not run, so the rendered body is set here
        uid=uuid.uuid5(UID_NAMESPACE, slug),
        slug=slug,
        title=f"【サンプル】{region}{theme} No.{index + 1}",
        summary=f"負荷試験・表示確認用の架空のイベントです（{region}・{theme}）。",
        body=body,
        body_html=render_rich_text(body),
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        format=event_format,
        venue_name=f"{region}の会場（サンプル）" if event_format != Event.Format.ONLINE else "",
        prefecture=prefecture,
        group=group_for(prefecture),
        online_tool="Zoom" if event_format != Event.Format.VENUE else "",
        involvement=INVOLVEMENTS[index % len(INVOLVEMENTS)],
        organisers=BUREAU if index % 4 == 0 else f"サンプル団体 {index % 23 + 1}",
        capacity=20 + index % 5 * 20,
        fee_amount=1000 if index % 5 == 0 else 0,
        state=state,
        participants=15 + index % 40 if index % 3 == 0 and day < anchor else None,
        status=PUBLISHED,
        is_sample=True,
    )


def seed_synthetic(total, stdout=None):
    if total <= 0:
        return 0
    anchor = timezone.localdate().replace(day=1)
    existing = set(
        Event.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True)
    )
    new = []
    for index in range(total):
        event = synthetic_event(index, total, anchor)
        if event.slug not in existing:
            new.append(event)
        if stdout is not None and (index + 1) % 1000 == 0:
            stdout.write(f"    synthetic events: {index + 1}/{total}")
    Event.objects.bulk_create(new, batch_size=500)
    return len(new)


def seed(stdout=None, events=0, **options):
    """``events`` synthetic events. Returns {"created": n, "updated": 0}."""
    return {"created": seed_synthetic(events, stdout=stdout), "updated": 0}
