"""Content history in Japanese, rich text compared as text, no version for a save without edits."""

import re
from pathlib import Path

import pytest
import simple_history
from django.template.loader import get_template

from core.history import html_to_text, text_diff
from core.richtext import sanitize_html
from tests.accounts.factories import superuser, verified_login
from tests.events.factories import EventFactory
from tests.factories import content_editor
from tests.pages.factories import PageFactory, TopicFactory
from tests.supporters.factories import SupporterFactory

# What django-simple-history's own templates showed on these pages.
ENGLISH_UI_TEXT = [
    "Choose a date from the list below",
    "revert to a previous version",
    "Changed by",
    "CHANGED BY",
    "Change reason",
    "Date/time",
    "Comment",
    "Object",
    "Changes",
    "None",
    "Revert",
    "Press the",
    "Close",
    "entries",
    "Changed",
    "Created",
    "published",
    "Change history",
]


def visible_text(html):
    """The page's text and the labels of its buttons, without markup, scripts or option values."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.DOTALL)
    labels = re.findall(r'<input[^>]+type="submit"[^>]*value="([^"]*)"', html)
    labels += re.findall(r'(?:title|aria-label)="([^"]*)"', html)
    return " ".join([re.sub(r"<[^>]+>", " ", html), *labels])


def english_in(html):
    text = visible_text(html)
    return [phrase for phrase in ENGLISH_UI_TEXT if re.search(rf"\b{re.escape(phrase)}\b", text)]


def test_tokens_keep_runs_of_one_script():
    runs = text_diff("東北の企業と連携します", "東北の大学と連携しました")
    assert ("removed", "企業") in runs and ("added", "大学") in runs
    assert ("removed", "ます") not in runs  # "ます" → "ました" is one hiragana run
    assert ("removed", "します") in runs and ("added", "しました") in runs


def test_text_is_extracted_one_line_per_block():
    assert html_to_text("<h2>見出し</h2><ul><li>項目&amp;一</li><li><p>二</p></li></ul>") == (
        "見出し\n項目&一\n二"
    )


@pytest.mark.parametrize(
    "html",
    [
        "<ul><li>一</li><li>二<ul><li>三</li></ul></li></ul>",
        "<ul><li><p>一</p></li><li><p>二</p><ul><li><p>三</p></li></ul></li></ul>",
        '<table><tbody><tr><th colspan="1" rowspan="1"><p>見出し</p></th><td><p>a</p><p>b</p></td></tr></tbody></table>',
        '<p>a&nbsp;b &lt;c&gt; &amp; "d"<br>e</p><hr><ol start="2"><li>x</li></ol>',
    ],
)
def test_sanitising_twice_changes_nothing(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


def test_editor_list_and_cell_paragraphs_are_stored_as_they_were():
    stored = sanitize_html(
        "<ul><li>一</li><li>二</li></ul><table><tbody><tr><td>セル</td></tr></tbody></table>"
    )
    from_editor = (
        "<ul><li><p>一</p></li><li><p>二</p></li></ul>"
        '<table><tbody><tr><td colspan="1" rowspan="1"><p>セル</p></td></tr></tbody></table>'
    )
    assert sanitize_html(from_editor) == stored
    # Positive control: two paragraphs in one item are content, not editor markup.
    assert "<p>" in sanitize_html("<ul><li><p>一</p><p>二</p></li></ul>")


def page_form(page, body):
    return {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": body,
        "status": page.status,
        "menu_order": page.menu_order,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
    }


@pytest.mark.django_db
def test_saving_a_page_without_edits_records_no_new_version(client):
    page = PageFactory(body="<p>はじめに</p><ul><li>一つ目</li><li>二つ目</li></ul>")
    client.force_login(content_editor())
    url = f"/admin/pages/page/{page.pk}/change/"
    before = page.history.count()
    # What the editor sends for the untouched body: its list items wrap their text in <p>.
    editor_output = "<p>はじめに</p><ul><li><p>一つ目</p></li><li><p>二つ目</p></li></ul>"
    for _ in range(2):
        assert client.post(url, page_form(page, editor_output)).status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>はじめに</p><ul><li>一つ目</li><li>二つ目</li></ul>"
    assert page.history.count() == before
    # Positive control: an edit is recorded.
    changed = editor_output.replace("二つ目", "三つ目")
    assert client.post(url, page_form(page, changed)).status_code == 302
    assert page.history.count() == before + 1


def edited(obj, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "make", "field", "old", "new", "removed", "added"),
    [
        (
            "pages/page",
            PageFactory,
            "body",
            "<ul><li>仙台で開催</li></ul>",
            "<ul><li>盛岡で開催</li></ul>",
            "仙台",
            "盛岡",
        ),
        (
            "pages/topic",
            TopicFactory,
            "body",
            "<p>募集を開始します</p>",
            "<p>募集を終了します</p>",
            "開始",
            "終了",
        ),
        (
            "events/event",
            EventFactory,
            "body",
            "<p>定員は30名です</p>",
            "<p>定員は50名です</p>",
            "30",
            "50",
        ),
        (
            "supporters/supporter",
            SupporterFactory,
            "introduction",
            "宮城の企業です。",
            "岩手の企業です。",
            "宮城",
            "岩手",
        ),
    ],
)
def test_history_pages_are_japanese_and_show_a_text_diff(
    client, kind, make, field, old, new, removed, added
):
    obj = make(**{field: old})
    edited(obj, **{field: new})
    verified_login(client, superuser())
    base = f"/admin/{kind}/{obj.pk}/history/"
    html = client.get(base).content.decode()
    assert "変更履歴" in html and "変更者" in html and "前の版からの変更" in html
    assert f'<del class="history-diff__removed" title="削除">{removed}</del>' in html
    assert f'<ins class="history-diff__added" title="追加">{added}</ins>' in html
    assert "&lt;li&gt;" not in html and "&lt;p&gt;" not in html  # text, not HTML source
    assert english_in(html) == []
    first = obj.history.last()
    revert_html = client.get(f"{base}{first.history_id}/").content.decode()
    assert "この版に戻す" in revert_html and "この版から現在までの変更" in revert_html
    # From the first version to now: what was removed since.
    assert f'<del class="history-diff__removed" title="削除">{removed}</del>' in revert_html
    assert english_in(revert_html) == []


@pytest.mark.django_db
def test_english_strings_are_detected_on_the_packages_own_page():
    """Positive control for the list above: the package's templates show them; ours win."""
    template = get_template("simple_history/object_history.html")
    assert "templates/simple_history" in template.origin.name
    package_dir = Path(simple_history.__file__).parent / "templates" / "simple_history"
    package_pages = (package_dir / name for name in ("object_history.html", "submit_line.html"))
    assert {"Choose a date from the list below", "Revert", "Close"} <= set(
        english_in(" ".join(page.read_text() for page in package_pages))
    )


@pytest.mark.django_db
def test_migration_brings_stored_bodies_to_the_canonical_form():
    import importlib

    from django.apps import apps

    from events.models import Event
    from pages.models import Page

    migration = importlib.import_module("events.migrations.0004_canonical_rich_text")
    page = PageFactory(body="<p>x</p>")
    event = EventFactory(body="<p>y</p>")
    Page.objects.filter(pk=page.pk).update(body="<ul><li><p>一つ目</p></li></ul>")
    Event.objects.filter(pk=event.pk).update(
        report='<table><tbody><tr><td colspan="1"><p>z</p></td></tr></tbody></table>'
    )
    migration.canonical_rich_text(apps, None)
    page.refresh_from_db()
    event.refresh_from_db()
    assert page.body == "<ul><li>一つ目</li></ul>" and "<li>一つ目</li>" in page.body_html
    assert event.report == "<table><tbody><tr><td>z</td></tr></tbody></table>"
    assert event.body == "<p>y</p>"  # already canonical: untouched
