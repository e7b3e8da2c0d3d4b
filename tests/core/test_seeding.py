"""seed_demo loads the content in fixtures/ idempotently, with dates relative to the day it runs."""

import datetime
import json
import re
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from core.seeding import load_fixture
from events.models import Event
from pages.models import Page, SiteSettings, Topic
from supporters.models import Supporter

pytestmark = pytest.mark.django_db

FIXTURES = settings.BASE_DIR / "fixtures"
JST = datetime.timezone(datetime.timedelta(hours=9))


@pytest.fixture
def fixtures(tmp_path):
    """An editable copy of fixtures/."""
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy)
    return copy


def edit(path, change):
    items = json.loads(path.read_text(encoding="utf-8"))
    change(items)
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


def fields_of(items, **key):
    return next(item["fields"] for item in items if key.items() <= item["fields"].items())


def test_seed_demo_loads_the_fixtures_folder(client, fixtures, capsys):
    def retitle(items):
        fields_of(items, slug="maps-o")["title"] = "用語集（テスト）"

    edit(fixtures / "pages.json", retitle)
    call_command("seed_demo", "--fixtures", str(fixtures))
    assert "用語集（テスト）" in client.get("/about/maps-o/").content.decode()

    call_command("seed_demo")  # the project's fixtures/ again: the one edited page goes back
    assert "pages: 0 created, 1 updated" in capsys.readouterr().out
    assert Page.objects.get(path="about/maps-o").title == "用語の説明（MAP'S+O）"


def test_a_second_run_saves_nothing_and_writes_no_history(capsys):
    call_command("seed_demo")
    # The settings row that every served page creates gets the demo notification address.
    assert re.search(r"seed_demo: [1-9]\d* created, 1 updated", capsys.readouterr().out)
    assert SiteSettings.load().notification_email
    models = [Page, Topic, SiteSettings, Supporter, Event]
    history = [model.history.count() for model in models]
    stamps = list(Event.objects.order_by("pk").values_list("updated_at", flat=True))

    call_command("seed_demo")
    assert "seed_demo: 0 created, 0 updated" in capsys.readouterr().out
    assert [model.history.count() for model in models] == history
    assert list(Event.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_rich_text_is_sanitised_and_rendered_on_save(fixtures):
    def add_script(items):
        fields_of(items, slug="about")["body"] += "<script>alert(1)</script>"

    edit(fixtures / "pages.json", add_script)
    call_command("seed_demo", fixtures=fixtures, verbosity=0)
    about = Page.objects.get(path="about")
    assert "<script" not in about.body and "<script" not in about.body_html
    assert about.body_html.startswith("<p>「NEXT TOHOKU MEETUP」は")


def test_relative_dates_are_resolved_against_the_given_day():
    load_fixture(FIXTURES / "pages.json", today=datetime.date(2030, 1, 10))
    load_fixture(FIXTURES / "supporters.json", today=datetime.date(2030, 1, 10))
    load_fixture(FIXTURES / "events.json", today=datetime.date(2030, 1, 10))
    # "starts_at": {"days_from_today": 9, "time": "14:00"}
    meetup = Event.objects.get(slug="sample-meetup-sendai")
    assert meetup.starts_at == datetime.datetime(2030, 1, 19, 14, 0, tzinfo=JST)
    assert meetup.registration_deadline == datetime.datetime(2030, 1, 16, 17, 0, tzinfo=JST)
    assert meetup.supporters.count() == 3
    # Past real events keep their absolute dates.
    forum = Event.objects.get(slug="tohoku-coordinator-forum-2021")
    assert forum.starts_at == datetime.datetime(2021, 3, 1, 14, 0, tzinfo=JST)

    assert load_fixture(FIXTURES / "events.json", today=datetime.date(2030, 1, 11)) == {
        "created": 0,
        # the samples move with the day (four are a series' sessions; the series has its
        # registration deadline); the real events stay
        "updated": 12,
    }
    meetup.refresh_from_db()
    assert meetup.starts_at == datetime.datetime(2030, 1, 20, 14, 0, tzinfo=JST)


def test_a_relative_date_without_a_time(tmp_path):
    fixture = tmp_path / "topics.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "pages.topic",
                    "fields": {"title": "昨日のお知らせ", "published_on": {"days_from_today": -1}},
                }
            ]
        )
    )
    load_fixture(fixture, today=datetime.date(2030, 1, 1))
    assert Topic.objects.get(title="昨日のお知らせ").published_on == datetime.date(2029, 12, 31)


def test_fields_the_fixture_leaves_out_keep_their_stored_values():
    call_command("seed_demo", verbosity=0)
    site = SiteSettings.load()
    site.contact_email = "kikaku@example.go.jp"
    site.save()
    forum = Event.objects.get(slug="tohoku-coordinator-forum-2021")

    call_command("seed_demo", verbosity=0)
    assert SiteSettings.objects.get().contact_email == "kikaku@example.go.jp"
    assert Event.objects.get(slug=forum.slug).uid == forum.uid


def test_logos_come_from_the_fixtures_media_folder():
    call_command("seed_demo", verbosity=0)
    supporter = Supporter.objects.get(slug="sample-ringo-daichi")
    assert supporter.logo.name == "supporters/logos/sample-ringo-daichi.png"
    assert (
        supporter.logo.read()
        == (FIXTURES / "media/supporters/logos/sample-ringo-daichi.png").read_bytes()
    )
    assert supporter.logo_small and supporter.logo_large  # renditions made on save
