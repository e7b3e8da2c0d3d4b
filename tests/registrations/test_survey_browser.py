"""The survey form in Debian's Chromium: axe on every state (blank, errors, thanks, closed,
expired), the error summary focused and its links leading to the fields, answering by keyboard
alone, and no horizontal scrolling at 320 px."""

import time
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from registrations import links
from registrations.models import Survey, SurveyQuestion
from tests.a11y import assert_no_axe_violations
from tests.clock import Clock
from tests.events.factories import jst

from .factories import RegistrationEventFactory, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def attended_survey(monkeypatch):
    clock = Clock(monkeypatch, now=jst(2030, 6, 1, 9))
    event = RegistrationEventFactory(starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16))
    registration = register(event)
    clock.set(jst(2030, 6, 6, 10))
    session = registration.sessions.get()
    session.checked_in_at = jst(2030, 6, 5, 13, 50)
    session.save(update_fields=["checked_in_at"])
    survey = Survey.objects.create(event=event)
    SurveyQuestion.objects.create(
        survey=survey, label="どこで知りましたか", kind="choice", choices="ウェブ\nメール",
        required=True,
    )  # fmt: skip
    SurveyQuestion.objects.create(survey=survey, label="取り上げてほしいテーマ", order=1)
    return (
        clock,
        survey,
        reverse("registrations:survey", args=[links.SURVEY_LINK.make_token(session)]),
    )


def test_the_survey_form_by_keyboard_with_axe_on_every_state(page, monkeypatch):
    clock, survey, url = attended_survey(monkeypatch)
    page.goto(url)
    assert_no_axe_violations(page)

    page.get_by_role("button", name="回答を送信する").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "満足度を選択してください。" in summary.inner_text()
    assert "どこで知りましたか" in summary.inner_text()
    assert_no_axe_violations(page)
    assert page.get_attribute("#id_satisfaction_0", "aria-describedby")

    # Keyboard only: from the summary's link to the first radio, choose, then on to the end.
    summary.get_by_role("link", name="満足度: 満足度を選択してください。").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_satisfaction_0"
    page.keyboard.press("ArrowDown")  # 4 満足
    assert page.is_checked("#id_satisfaction_1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name").startswith("question_")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("地域の事例")
    page.keyboard.press("Tab")
    page.keyboard.type("分かりやすい説明でした。")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "回答を送信する"
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="ご回答ありがとうございました").wait_for()
    assert_no_axe_violations(page)
    [response] = survey.responses.all()
    assert response.satisfaction == 4 and response.comment == "分かりやすい説明でした。"
    assert response.answers[0]["answer"] == "ウェブ"
    assert response.answers[1]["answer"] == "地域の事例"

    clock.set(jst(2030, 6, 30, 9))
    response.delete()
    page.goto(url)
    assert "回答期間は終了しました" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)

    page.goto(reverse("registrations:survey", args=[expired_token(survey)]))
    assert "有効期限" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)


def expired_token(survey):
    """The survey link as it was signed 500 days ago (links last REGISTRATION_LINK_MAX_AGE)."""
    session = survey.event.registration_sessions.get()
    payload = {"s": session.pk, "n": session.registration.number}
    with mock.patch.object(time, "time", return_value=time.time() - 500 * 24 * 3600):
        return signing.dumps(payload, salt=links.SURVEY_LINK.salt, compress=True)


def test_the_survey_reflows_at_320_px(page, monkeypatch):
    width = 320
    _, _, url = attended_survey(monkeypatch)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    page.get_by_role("button", name="回答を送信する").click()
    page.locator("#error-summary").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
