"""アンケート after an event: mailed to those who attended (RegistrationSession checked in), each
once (RegistrationNotice), answered once per registrant and session on a public page reached by
a signed link (no account), counted for the admin, the CSV and the 開催報告.

The survey mail is about the attended session (its outbox owner is the RegistrationSession):
the link is made from that row when the mail is sent (``survey_url``, registered in
RegistrationsConfig), so neither the outbox nor the staff who read it see it. Results never name
anyone: counts, the mean, and the answers without names or numbers."""

import datetime
import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.spreadsheets import writer as csv_writer

from . import links, mail, notices
from .models import (
    MailKind,
    RegistrationNotice,
    RegistrationSession,
    Satisfaction,
    SurveyResponse,
)

Kind = notices.Kind
SUBJECT = "アンケートへのご協力のお願い"


class SurveyError(Exception):
    """The answer cannot be taken (closed, already answered); the message is for the person."""


# --- the signed link -------------------------------------------------------------------------


def survey_path(session) -> str:
    return reverse("registrations:survey", kwargs={"token": links.SURVEY_LINK.make_token(session)})


def survey_url(session) -> str:
    return f"{settings.SITE_URL}{survey_path(session)}"


def session_for_token(token):
    """The attended session the link names, or None (altered link, data deleted, not
    attended); raises signing.SignatureExpired for an expired link."""
    try:
        pk, number = links.SURVEY_LINK.read_token(token)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:  # altered or made up
        return None
    session = (
        RegistrationSession.objects.select_related("registration", "event", "event__survey")
        .filter(pk=pk, registration__number=number, checked_in_at__isnull=False)
        .first()
    )
    if session is None or session.registration.personal_data_deleted_at:
        return None
    if not hasattr(session.event, "survey"):
        return None
    return session


# --- sending ---------------------------------------------------------------------------------


def attendees(survey):
    """The sessions of ``survey``'s event that were attended, in the order of check-in."""
    return notices.registered_sessions(event=survey.event_id, checked_in_at__isnull=False).order_by(
        "checked_in_at", "pk"
    )


def queue_survey_mail(session):
    registration = session.registration
    survey = session.event.survey
    subject, body = mail.render(
        registration,
        MailKind.SURVEY,
        subject=SUBJECT,
        event=session.event,
        survey=survey,
        closes=timezone.localtime(survey.closes_at),
    )
    return outbox.queue(session, MailKind.SURVEY, [registration.email], subject, body)


def send(survey, now=None):
    """Mail the survey to everyone who attended and has not had it; returns how many were
    queued. Idempotent: run it again after late check-ins and only they get it."""
    if not survey.is_open(now):
        return 0
    sessions = notices.without_notice(attendees(survey), Kind.SURVEY)
    return sum(
        notices.deliver_once(session, Kind.SURVEY, queue_survey_mail) for session in sessions
    )


# --- answering -------------------------------------------------------------------------------


def answer(session, *, satisfaction, comment="", answers=(), now=None):
    """Store ``session``'s answer (once: the session's row is locked and the response unique)."""
    survey = session.event.survey
    now = now or timezone.now()
    if not survey.is_open(now):
        raise SurveyError("このアンケートの回答期間は終了しました。")
    try:
        with transaction.atomic():
            locked = RegistrationSession.objects.select_for_update().get(pk=session.pk)
            if SurveyResponse.objects.filter(session=locked).exists():
                raise SurveyError("このアンケートにはすでに回答いただいています。")
            return SurveyResponse.objects.create(
                survey=survey,
                session=locked,
                satisfaction=int(satisfaction),
                comment=comment,
                answers=list(answers),
                submitted_at=now,
            )
    except IntegrityError:
        raise SurveyError("このアンケートにはすでに回答いただいています。") from None


# --- results ---------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    label: str
    counts: list = field(default_factory=list)  # [(choice, number)] for a choice question
    texts: list = field(default_factory=list)  # the answers to a free-text question


@dataclass
class SurveyResults:
    attended: int
    mailed: int
    responses: int
    satisfaction: list  # [(label, number)] from 5 down to 1
    mean: float | None
    questions: list
    comments: list

    @property
    def response_rate(self):
        return round(100 * self.responses / self.attended) if self.attended else None


def results(survey):
    """What the answers add up to (a handful of queries, whatever their number)."""
    responses = list(survey.responses.order_by("submitted_at", "pk"))
    scores = [response.satisfaction for response in responses]
    by_question = {}
    for response in responses:
        for item in response.answers:
            if item.get("answer"):
                by_question.setdefault(item["question"], []).append(item["answer"])
    questions = []
    for question in survey.questions.all():
        given = by_question.get(question.pk, [])
        if question.kind == question.Kind.CHOICE:
            choices = question.choice_list
            counts = [(choice, given.count(choice)) for choice in choices]
            others = len([value for value in given if value not in choices])
            if others:
                counts.append(("（現在の選択肢にない回答）", others))
            questions.append(QuestionResult(question.label, counts=counts))
        else:
            questions.append(QuestionResult(question.label, texts=given))
    return SurveyResults(
        attended=attendees(survey).count(),
        mailed=RegistrationNotice.objects.filter(event=survey.event_id, kind=Kind.SURVEY).count(),
        responses=len(responses),
        satisfaction=[(choice.label, scores.count(choice.value)) for choice in Satisfaction],
        mean=round(statistics.fmean(scores), 2) if scores else None,
        questions=questions,
        comments=[response.comment for response in responses if response.comment],
    )


def report_text(survey, outcome=None):
    """Plain text staff paste into the event's 開催報告: the counts and the mean, no free text
    (which may name people; staff quote it themselves where they choose)."""
    outcome = outcome or results(survey)
    if not outcome.responses:
        return ""
    lines = [
        f"■ 参加者アンケートの結果（回答 {outcome.responses}人／出席 {outcome.attended}人"
        + (f"、回答率 {outcome.response_rate}%" if outcome.response_rate is not None else "")
        + "）",
        f"満足度: 5段階で平均 {outcome.mean:.1f}",
    ]
    lines += [f"・{label}: {number}人" for label, number in outcome.satisfaction]
    for question in outcome.questions:
        if question.counts:
            lines.append(f"{question.label}:")
            lines += [f"・{choice}: {number}人" for choice, number in question.counts]
    return "\n".join(lines)


# --- CSV -------------------------------------------------------------------------------------


def write_csv(survey, stream):
    """The answers, one row each, in the order given, with no name, number or address (UTF-8
    with BOM, every cell formula-safe through core.spreadsheets)."""
    questions = list(survey.questions.all())
    rows = csv_writer(stream)
    stream.write("\ufeff")
    rows.writerow(
        [
            "回答",
            "回答日時",
            "満足度",
            *[question.label for question in questions],
            "ご意見・ご感想",
        ]
    )
    responses = survey.responses.order_by("submitted_at", "pk")
    for index, response in enumerate(responses, start=1):
        given = {item["question"]: item.get("answer", "") for item in response.answers}
        rows.writerow(
            [
                index,
                _local(response.submitted_at),
                response.satisfaction,
                *[given.get(question.pk, "") for question in questions],
                response.comment,
            ]
        )


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
