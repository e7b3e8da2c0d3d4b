"""seed_demo's events: the real past events of the seeds and the samples (fixtures/events.json),
and synthetic volume."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.demo import seed_synthetic, synthetic_event
from events.formatting import when_text
from events.models import Event, EventSeries

pytestmark = pytest.mark.django_db


def test_the_forum_is_seeded_with_its_facts(seeded):
    forum = Event.objects.get(slug="tohoku-coordinator-forum-2021")
    assert forum.title == "東北コーディネーター・フォーラム"
    assert forum.starts_at == datetime.datetime(2021, 3, 1, 5, 0, tzinfo=datetime.UTC)
    assert when_text(forum) == "2021年3月1日（月）14:00〜16:00"
    assert forum.format == Event.Format.ONLINE and forum.online_tool == "Microsoft Teams"
    assert forum.participants_label == "100名超"
    assert not forum.is_sample and forum.is_live()


def test_the_seven_sessions_have_computed_weekdays_and_places(seeded):
    sessions = Event.objects.filter(slug__startswith="right-hand-programme-2021-").order_by(
        "starts_at"
    )
    assert [when_text(s) for s in sessions] == [
        "2021年1月16日（土）10:30〜17:00",
        "2021年1月19日（火）18:00〜21:00",
        "2021年1月26日（火）18:00〜21:00",
        "2021年1月30日（土）10:30〜17:00",
        "2021年2月2日（火）18:00〜21:00",
        "2021年2月9日（火）18:00〜21:00",
        "2021年2月14日（日）10:30〜17:00",
    ]
    venue, online = Event.Format.VENUE, Event.Format.ONLINE
    assert [s.format for s in sessions] == [venue, online, online, venue, online, online, venue]
    assert {s.group for s in sessions if s.format == venue} == {"miyagi"}


def test_the_seven_sessions_are_one_series(seeded):
    series = EventSeries.objects.get(slug="right-hand-programme-2021")
    assert series.is_live() and not series.is_sample
    sessions = list(Event.objects.in_series(series))
    assert [s.slug for s in sessions] == [f"right-hand-programme-2021-{n}" for n in range(1, 8)]
    assert [s.series_number for s in sessions] == list(range(1, 8))
    assert all(f"第{s.series_number}回" in s.title for s in sessions)


def test_the_sample_series_has_upcoming_sessions_in_sendai_and_online(seeded):
    series = EventSeries.objects.get(slug="sample-right-hand-programme")
    assert series.title == "【サンプル】右腕人材育成プログラム"
    assert series.is_sample and series.is_live()
    sessions = list(Event.objects.live().in_series(series))
    assert 3 <= len(sessions) <= 4
    assert [s.series_number for s in sessions] == list(range(1, len(sessions) + 1))
    assert all(s.is_sample and s.title.startswith("【サンプル】") for s in sessions)
    assert len(Event.objects.live().upcoming().filter(series=series)) == len(sessions)
    starts = [s.starts_at for s in sessions]
    assert starts == sorted(starts)
    formats = {s.format for s in sessions}
    assert formats == {Event.Format.VENUE, Event.Format.ONLINE}
    assert {s.group for s in sessions if s.format == Event.Format.VENUE} == {"miyagi"}
    assert all("仙台" in s.venue_name for s in sessions if s.format == Event.Format.VENUE)


def test_samples_are_marked_and_upcoming(seeded):
    samples = Event.objects.filter(is_sample=True)
    assert samples.count() >= 5
    assert all(event.title.startswith("【サンプル】") for event in samples)
    now = timezone.now()
    assert samples.upcoming(now).count() == samples.count()
    assert samples.filter(state=Event.State.CANCELLED).exists()
    assert samples.filter(all_day=True).exists()


def test_seed_demo_is_idempotent(seeded, capsys):
    history = Event.history.count()
    call_command("seed_demo")
    assert "events: 0 created, 0 updated" in capsys.readouterr().out
    assert Event.history.count() == history


def test_synthetic_events_are_deterministic_spread_and_bulk_created():
    anchor = datetime.date(2026, 11, 1)
    assert (
        vars(synthetic_event(7, 500, anchor)).keys() == vars(synthetic_event(7, 500, anchor)).keys()
    )
    first, again = synthetic_event(7, 500, anchor), synthetic_event(7, 500, anchor)
    assert (first.uid, first.title, first.starts_at) == (again.uid, again.title, again.starts_at)

    with CaptureQueriesContext(connection) as captured:
        assert seed_synthetic(500) == 500
    # Batched inserts (SQLite's variable limit makes batches of a few dozen rows), not one per row.
    assert len(captured.captured_queries) <= 30
    now = timezone.now()
    assert Event.objects.upcoming(now).count() > 200 and Event.objects.past(now).count() > 200
    assert Event.objects.filter(state=Event.State.CANCELLED).exists()
    assert not Event.objects.filter(body_html="").exists()  # rendered although save() never ran
    assert set(Event.objects.values_list("group", flat=True)) == {
        "aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima", "other",
    }  # fmt: skip
    assert seed_synthetic(500) == 0


def test_seed_demo_command_takes_events(capsys):
    call_command("seed_demo", events=30)
    assert Event.objects.filter(slug__startswith="synthetic-").count() == 30
    assert "events: " in capsys.readouterr().out
