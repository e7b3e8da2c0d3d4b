"""アンケート: mailed only to those who attended, once; answered once through the signed link;
counted right in the admin (per answer and the mean), for the 開催報告 and in the CSV (escaped,
naming no one)."""

import csv
import io
import re

import pytest
from django.core import mail as sent_mail
from django.urls import reverse

from accounts.models import AccessLogEntry
from applications import worker
from core.models import OutboxMessage
from core.roles import EVENT_RECEPTION
from registrations import links, surveys
from registrations.models import MailKind, RegistrationNotice, Survey, SurveyQuestion
from tests.accounts.factories import verified_login
from tests.clock import Clock
from tests.events.factories import jst
from tests.factories import UserFactory, content_editor
from tests.queries import assert_queries_do_not_grow

from .factories import RegistrationEventFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, now=jst(2030, 6, 1, 9))


@pytest.fixture
def event(clock):
    """An event on 5 June with four registrants; it has ended (the clock is the 6th)."""
    event = RegistrationEventFactory(
        title="東北DXフォーラム",
        slug="tohoku-dx",
        starts_at=jst(2030, 6, 5, 14),
        ends_at=jst(2030, 6, 5, 16),
    )
    for n in range(4):
        register(event, n)
    clock.set(jst(2030, 6, 6, 10))
    return event


def check_in(event, *numbers):
    for n in numbers:
        session = event.registration_sessions.get(registration__email=f"person{n}@example.jp")
        session.checked_in_at = jst(2030, 6, 5, 13, 50)
        session.save(update_fields=["checked_in_at"])


def make_survey(event, **kwargs):
    survey = Survey.objects.create(event=event, **kwargs)
    SurveyQuestion.objects.create(
        survey=survey, label="どこで知りましたか", kind="choice", choices="ウェブ\nメール\nその他"
    )
    SurveyQuestion.objects.create(survey=survey, label="取り上げてほしいテーマ", order=1)
    return survey


def reception_staff():
    return UserFactory(is_staff=True, groups=[EVENT_RECEPTION])


def survey_link(message):
    return re.search(r"https?://\S+(/registrations/survey/\S+/)", message.body).group(1)


def test_the_survey_is_mailed_only_to_attendees_once(event, client):
    check_in(event, 0, 2)
    survey = make_survey(event)
    assert survey.closes_at == jst(2030, 6, 19, 16)  # 14 days after the end
    assert surveys.send(survey) == 2
    assert surveys.send(survey) == 0
    mails = OutboxMessage.objects.filter(kind=MailKind.SURVEY)
    assert sorted(m.recipients[0] for m in mails) == ["person0@example.jp", "person2@example.jp"]
    # A late check-in: only they get it when staff send again.
    check_in(event, 3)
    assert surveys.send(survey) == 1
    mails = OutboxMessage.objects.filter(kind=MailKind.SURVEY)
    assert mails.count() == 3
    assert RegistrationNotice.objects.filter(kind="survey").count() == 3
    # The stored mail holds no live link; the sent one does, and it opens the form.
    assert all("/registrations/survey/" not in m.body for m in mails)
    worker.run_once()
    survey_mails = [m for m in sent_mail.outbox if "アンケート" in m.subject]
    assert len(survey_mails) == 3
    response = client.get(survey_link(survey_mails[0]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "このイベントの満足度" in html and "どこで知りましたか" in html
    assert "no-store" in response["Cache-Control"]


def test_the_admin_action_sends_to_attendees_and_is_idempotent(event, client):
    check_in(event, 1)
    survey = make_survey(event)
    verified_login(client, reception_staff())
    data = {"action": "send_to_attendees", "_selected_action": [survey.pk]}
    response = client.post("/admin/registrations/survey/", data, follow=True)
    assert "出席者 1 人に送信します" in response.content.decode()
    response = client.post("/admin/registrations/survey/", data, follow=True)
    assert "出席者 0 人に送信します" in response.content.decode()
    assert OutboxMessage.objects.filter(kind=MailKind.SURVEY).count() == 1
    # The registrations' mail list shows the survey mail too.
    html = client.get("/admin/registrations/registrationmail/").content.decode()
    assert "アンケートへのご協力のお願い" in html


def test_a_survey_before_the_event_or_after_its_closing_is_not_sent(event, clock):
    check_in(event, 0)
    survey = make_survey(event, closes_at=jst(2030, 6, 6, 9))
    assert surveys.send(survey) == 0
    clock.set(jst(2030, 6, 5, 12))
    assert surveys.send(survey) == 0
    assert not OutboxMessage.objects.filter(kind=MailKind.SURVEY).exists()


def answer_link(event, n):
    session = event.registration_sessions.get(registration__email=f"person{n}@example.jp")
    return reverse("registrations:survey", args=[links.SURVEY_LINK.make_token(session)])


def test_a_registrant_answers_once(event, client):
    check_in(event, 0)
    survey = make_survey(event)
    url = answer_link(event, 0)
    question = survey.questions.get(kind="choice")
    response = client.post(url, {"satisfaction": "4", f"question_{question.pk}": "メール"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "ご回答ありがとうございました" in page and "満足度" not in page
    response = client.post(url, {"satisfaction": "1"})
    assert "ご回答ありがとうございました" in response.content.decode()
    [answer] = survey.responses.all()
    assert answer.satisfaction == 4
    assert answer.answers[0] == {
        "question": question.pk,
        "label": "どこで知りましたか",
        "answer": "メール",
    }


def test_only_attendees_reach_the_form_and_altered_links_are_refused(event, client):
    check_in(event, 0)
    make_survey(event)
    assert client.get(answer_link(event, 1)).status_code == 404  # did not attend
    url = answer_link(event, 0)
    assert client.get(url[:-3] + "xy/").status_code == 404


def test_errors_are_shown_next_to_the_fields_and_nothing_typed_is_lost(event, client):
    check_in(event, 0)
    make_survey(event)
    url = answer_link(event, 0)
    response = client.post(url, {"comment": "資料が分かりやすかったです。"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "入力内容に誤りがあります" in html and "満足度を選択してください。" in html
    assert 'id="id_satisfaction_error"' in html or "id_satisfaction_error" in html
    assert "資料が分かりやすかったです。" in html
    assert "必須" in html and "任意" in html


def test_a_closed_survey_takes_no_answer(event, client, clock):
    check_in(event, 0)
    make_survey(event)
    url = answer_link(event, 0)
    clock.set(jst(2030, 6, 20, 9))
    response = client.post(url, {"satisfaction": "5"})
    assert "回答期間は終了しました" in response.content.decode()
    assert not Survey.objects.get().responses.exists()


def test_the_honeypot_refuses_the_form(event, client):
    check_in(event, 0)
    survey = make_survey(event)
    client.post(answer_link(event, 0), {"satisfaction": "5", "fax_number": "spam"})
    assert not survey.responses.exists()


def answer_as(event, n, satisfaction, choice="", theme="", comment=""):
    survey = event.survey
    session = event.registration_sessions.get(registration__email=f"person{n}@example.jp")
    choice_q, text_q = survey.questions.order_by("order")
    answers = [
        {"question": choice_q.pk, "label": choice_q.label, "answer": choice},
        {"question": text_q.pk, "label": text_q.label, "answer": theme},
    ]
    surveys.answer(session, satisfaction=satisfaction, comment=comment, answers=answers)


def test_results_are_counted_right(event):
    check_in(event, 0, 1, 2, 3)
    survey = make_survey(event)
    answer_as(event, 0, 5, "ウェブ", comment="よかった")
    answer_as(event, 1, 4, "ウェブ", theme="GX")
    answer_as(event, 2, 4, "メール")
    with pytest.raises(surveys.SurveyError):
        answer_as(event, 2, 1)
    outcome = surveys.results(survey)
    assert (outcome.attended, outcome.responses, outcome.response_rate) == (4, 3, 75)
    assert outcome.mean == 4.33
    assert [n for _, n in outcome.satisfaction] == [1, 2, 0, 0, 0]
    choice, text = outcome.questions
    assert choice.counts == [("ウェブ", 2), ("メール", 1), ("その他", 0)]
    assert text.texts == ["GX"]
    assert outcome.comments == ["よかった"]
    report = surveys.report_text(survey, outcome)
    assert "回答 3人／出席 4人、回答率 75%" in report
    assert "満足度: 5段階で平均 4.3" in report and "・5 とても満足: 1人" in report
    assert "・ウェブ: 2人" in report and "よかった" not in report


def test_the_admin_shows_results_and_report_text_and_logs_the_view(event, client):
    check_in(event, 0, 1)
    survey = make_survey(event)
    answer_as(event, 0, 5, "ウェブ")
    answer_as(event, 1, 2, "その他", comment="<script>alert(1)</script>")
    verified_login(client, reception_staff())
    response = client.get(f"/admin/registrations/survey/{survey.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "満足度（平均 3.50）" in html
    assert "回答 2 人／出席 2 人" in html
    assert "満足度: 5段階で平均 3.5" in html  # the 開催報告 text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert AccessLogEntry.objects.filter(action="survey.results").count() == 1


def test_the_csv_is_escaped_and_names_no_one(event, client):
    check_in(event, 0, 1)
    survey = make_survey(event)
    answer_as(event, 0, 5, "ウェブ", theme='=HYPERLINK("http://evil")', comment="+1 とても良い")
    answer_as(event, 1, 3, "メール", comment='改行\nと "引用"')
    verified_login(client, reception_staff())
    response = client.get(reverse("admin:registrations_survey_csv", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == [
        "回答",
        "回答日時",
        "満足度",
        "どこで知りましたか",
        "取り上げてほしいテーマ",
        "ご意見・ご感想",
    ]
    assert rows[1][2:] == ["5", "ウェブ", '\'=HYPERLINK("http://evil")', "'+1 とても良い"]
    assert rows[2][5] == '改行\nと "引用"'
    assert "person0@example.jp" not in text and "東北 太郎" not in text and "EVT-" not in text
    assert AccessLogEntry.objects.filter(action="survey.results").exists()


def test_others_get_no_survey_results(event, client):
    survey = make_survey(event)
    client.force_login(content_editor())
    assert client.get(f"/admin/registrations/survey/{survey.pk}/change/").status_code in (302, 403)
    assert client.get(reverse("admin:registrations_survey_csv", args=[survey.pk])).status_code in (
        302,
        403,
    )
    client.logout()
    response = client.get(reverse("admin:registrations_survey_csv", args=[survey.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_survey_list_takes_the_same_queries_for_many_surveys(clock, client):
    verified_login(client, reception_staff())
    make_survey(RegistrationEventFactory())

    def more_surveys():
        for _ in range(5):
            make_survey(RegistrationEventFactory())

    assert_queries_do_not_grow(client, "/admin/registrations/survey/", more_surveys)


def test_reception_staff_add_a_survey_with_questions_in_the_admin(event, client):
    other = RegistrationEventFactory(registration_mode="none")
    verified_login(client, reception_staff())
    form = client.get("/admin/registrations/survey/add/").content.decode()
    assert f'value="{event.pk}"' in form and f'value="{other.pk}"' not in form
    response = client.post(
        "/admin/registrations/survey/add/",
        {
            "event": event.pk,
            "intro": "ご協力をお願いします。",
            "closes_at_0": "",
            "closes_at_1": "",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-label": "次回の参加",
            "questions-0-kind": "choice",
            "questions-0-choices": "参加したい\n検討する",
            "questions-0-order": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get()
    assert survey.closes_at == jst(2030, 6, 19, 16)
    assert survey.questions.get().choice_list == ["参加したい", "検討する"]


def test_retention_deletes_the_survey_mails_with_the_personal_data(event):
    from registrations import retention

    check_in(event, 0)
    survey = make_survey(event)
    surveys.send(survey)
    answer_as(event, 0, 5, "ウェブ")
    registration = event.registration_sessions.get(checked_in_at__isnull=False).registration
    assert OutboxMessage.objects.filter(kind=MailKind.SURVEY).exists()
    retention.anonymise(registration)
    assert not OutboxMessage.objects.filter(kind=MailKind.SURVEY).exists()
    assert surveys.results(survey).responses == 1  # the answers stay, counted, naming no one
