"""The event's 詳細 and 開催報告 are rendered to HTML when saved, with links to other sites
marked 「（外部サイト）」 as on the other pages; the event page prints what was stored."""

import importlib

import pytest
from django.apps import apps

from events.duplication import duplicate_as_draft
from events.models import Event

from .factories import EventFactory, jst

pytestmark = pytest.mark.django_db

EXTERNAL = '<span class="external-link__note">（外部サイト）</span></a>'
LINKS = '<p><a href="https://www.meti.go.jp/">経済産業省</a> と <a href="/events/">イベント</a></p>'


def past_event(**fields):
    return EventFactory(starts_at=jst(2021, 3, 1, 14), ends_at=jst(2021, 3, 1, 16), **fields)


def test_body_and_report_are_rendered_with_external_links_marked_on_save():
    event = past_event(body=LINKS + "<script>alert(1)</script>", report=LINKS)
    for html in (event.body_html, event.report_html):
        assert f"経済産業省{EXTERNAL}" in html
        assert ">イベント</a></p>" in html
        assert "<script>" not in html

    event.body = "<p>書き直した内容</p>"
    event.report = ""
    event.save()
    event.refresh_from_db()
    assert event.body_html == "<p>書き直した内容</p>" and event.report_html == ""


def test_the_event_page_prints_the_stored_html(client):
    event = past_event(body=LINKS, report="<p>報告</p>", participants=10)
    Event.objects.filter(pk=event.pk).update(
        body_html="<p>保存した詳細</p>", report_html="<p>保存した報告</p>"
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<p>保存した詳細</p>" in html and "<p>保存した報告</p>" in html
    assert "www.meti.go.jp" not in html


def test_the_migration_renders_the_events_saved_before_it():
    migration = importlib.import_module("events.migrations.0003_rendered_body_and_report")
    event = past_event(body=LINKS, report=LINKS)
    empty = past_event(body="", report="")
    Event.objects.update(body_html="", report_html="")

    migration.render_existing(apps, schema_editor=None)

    event.refresh_from_db()
    assert f"経済産業省{EXTERNAL}" in event.body_html
    assert f"経済産業省{EXTERNAL}" in event.report_html
    empty.refresh_from_db()
    assert empty.body_html == "" and empty.report_html == ""


def test_a_duplicate_is_rendered_too():
    copy = duplicate_as_draft(past_event(body=LINKS))
    assert f"経済産業省{EXTERNAL}" in copy.body_html
