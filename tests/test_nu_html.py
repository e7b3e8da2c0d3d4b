"""The Nu HTML Checker (vnu, npm package ``vnu-jar``) reports 0 errors over every public page and
state: the sitemap's crawl, the form with errors, 確認, 完了, the status page, empty lists, 404;
event registration's form with errors, 確認, 完了, the registrant's page, its change and cancel
pages, a programme's form and a closed registration.

The pages are rendered with the test client, written to a folder and checked in one run of
``java -jar vnu.jar --errors-only --format json``. vnu is found at $VNU_JAR or where
``scripts/setup --test`` installs it (.tools/node_modules/vnu-jar/build/dist/vnu.jar)."""

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings

from applications import links
from applications.models import Application

from .applications.factories import answers
from .applications.test_flow import payload_of, submit, to_confirm

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def vnu_command():
    """``java -jar vnu.jar`` or a failure saying what is missing (never a silent skip)."""
    missing = []
    if not shutil.which("java"):
        missing.append("java (Debian package default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR} (npm install --no-save --prefix .tools vnu-jar)")
    if missing:
        pytest.fail("The Nu HTML Checker cannot run; missing: " + ", ".join(missing))
    return ["java", "-Xss1m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def nu_errors(files):
    result = subprocess.run(
        [*vnu_command(), *map(str, files)], capture_output=True, text=True, timeout=600
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [message for message in messages if message.get("type") == "error"]


def report(errors, names):
    return "\n".join(
        f"- {names.get(Path(error['url'].removeprefix('file:')).name, error['url'])}"
        f":{error.get('lastLine')}: {error['message']}  «{error.get('extract', '').strip()}»"
        for error in errors[:60]
    )


def test_nu_checker_finds_errors_in_a_broken_page(tmp_path):
    # control: the checker runs and reports the kinds of error this suite guards against
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body>'
        '<time datetime="2026-12-02T10:00:00.123456+09:00">x</time><form action=""></form>'
        "</body></html>",
        encoding="utf-8",
    )
    errors = nu_errors([page])
    assert len(errors) >= 2, errors


def public_pages(client):
    """(name, html) of every public page and state."""
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = [element.text.removeprefix(settings.SITE_URL) for element in xml.iter(SITEMAP)]
    urls += [
        "/events/past/",
        "/supporters/search/?q=存在しない名前",
        "/events/?format=venue&prefecture=aomori",
        "/events/calendar/",
        "/no-such-page/",
    ]
    pages = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        pages.append((url, response.content.decode()))
    # the form states: errors, 確認, 完了, the status page
    errors = client.post("/apply/", answers(name="", email="not-an-address"))
    assert errors.status_code == 200
    pages.append(("/apply/ (errors)", errors.content.decode()))
    confirm = to_confirm(client)
    pages.append(("/apply/confirm/", confirm.content.decode()))
    submit(client, payload_of(confirm))
    pages.append(("/apply/complete/", client.get("/apply/complete/").content.decode()))
    status = client.get(links.status_path(Application.objects.get()))
    assert status.status_code == 200
    pages.append(("/apply/status/…", status.content.decode()))
    return pages + registration_pages(client)


def registration_pages(client):
    """(name, html) of event registration's states, on the demo's samples."""
    from events.models import Event, EventSeries
    from registrations import links as registration_links
    from registrations.models import Registration

    event = Event.objects.get(slug="sample-pitch-fukushima")
    question = event.questions.get()
    register = f"/events/{event.slug}/register/"
    typed = {
        "name": "東北 太郎", "reading": "とうほく たろう", "email": "taro@example.jp",
        "email_confirmation": "taro@example.jp", "privacy_consent": "on",
        f"question_{question.pk}": "両日",
    }  # fmt: skip
    pages = []

    def add(name, response, status=200):
        assert response.status_code == status, name
        pages.append((name, response.content.decode()))

    add(f"{register} (blank)", client.get(register))
    add(f"{register} (errors)", client.post(register, {"email": "not-an-address"}))
    client.post(register, typed)
    confirm = client.get(f"{register}confirm/")
    add(f"{register}confirm/", confirm)
    client.post(f"{register}confirm/", {"payload": payload_of(confirm), "submit": "1"})
    add(f"{register}complete/", client.get(f"{register}complete/"))
    page = registration_links.page_path(Registration.objects.get())
    add("/registrations/… (confirmed)", client.get(page))
    add("/registrations/…/edit/", client.get(f"{page}edit/"))
    add("/registrations/…/cancel/ (errors)", client.post(f"{page}cancel/", {}))
    series = EventSeries.objects.get(slug="sample-right-hand-programme")
    add("/events/series/…/register/", client.get(f"/events/series/{series.slug}/register/"))
    closed = Event.objects.get(slug="sample-festival-aomori")  # cancelled: registration stopped
    closed.registration_mode = "portal"
    closed.save()
    add("/events/…/register/ (closed)", client.get(f"/events/{closed.slug}/register/"))
    return pages


def test_every_public_page_and_state_has_no_nu_errors(client, seeded, tmp_path):
    pages = public_pages(client)
    assert len(pages) > 30
    names, files = {}, []
    for index, (name, html) in enumerate(pages):
        path = tmp_path / f"page-{index:03}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
        files.append(path)
    errors = nu_errors(files)
    record_vnu_run(names, errors)
    assert not errors, f"{len(errors)} Nu HTML Checker errors:\n{report(errors, names)}"


def record_vnu_run(names, errors):
    """With A11Y_RESULTS_DIR set, note the pages checked and their error counts for the 試験結果
    page (``manage.py publish_accessibility_results``)."""
    folder = os.environ.get("A11Y_RESULTS_DIR")
    if not folder:
        return
    counts = dict.fromkeys(names.values(), 0)
    for error in errors:
        name = names.get(Path(error["url"].removeprefix("file:")).name)
        if name in counts:
            counts[name] += 1
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / "vnu.json").write_text(
        json.dumps({"pages": list(counts), "errors": counts}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
