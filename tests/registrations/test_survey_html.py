"""The Nu HTML Checker reports no error on any state of the survey page: blank, with errors,
after a stale CSRF token (what was typed kept), thanks, closed and an expired link."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_nu_html import nu_errors, report

from .test_survey_browser import attended_survey, expired_token

pytestmark = pytest.mark.django_db


def test_every_state_of_the_survey_has_no_nu_errors(client, monkeypatch, tmp_path):
    clock, survey, url = attended_survey(monkeypatch)
    pages = [("blank", client.get(url))]
    pages.append(("errors", client.post(url, {"comment": "<b>太字</b>にならないこと"})))
    strict = Client(enforce_csrf_checks=True)
    stale = strict.post(url, {"satisfaction": "5", "comment": "残っている感想"})
    assert stale.status_code == 403 and "残っている感想" in stale.content.decode()
    pages.append(("CSRF failure", stale))
    client.post(url, {"satisfaction": "5", f"question_{survey.questions.first().pk}": "ウェブ"})
    pages.append(("thanks", client.get(url)))
    survey.responses.all().delete()
    clock.set(survey.closes_at)
    pages.append(("closed", client.get(url)))
    expired = client.get(reverse("registrations:survey", args=[expired_token(survey)]))
    assert expired.status_code == 410
    pages.append(("expired", expired))
    names, files = {}, []
    for index, (name, response) in enumerate(pages):
        html = response.content.decode()
        assert "<b>太字</b>" not in html
        path = tmp_path / f"survey-{index}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
        files.append(path)
    errors = nu_errors(files)
    assert not errors, report(errors, names)
