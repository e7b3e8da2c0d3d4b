"""「下書きとして複製」: start the next session of a series from an existing event.

The copy keeps what sessions share (place, organisers, involvement, fee, audience, supporters,
flyers) and leaves out what belongs to the original alone: its URL name, calendar identity,
publication, cancellation, report, joining URL and registrations (the registration settings and
the form's questions are copied). A session of a series stays in it as the next session (the
highest number so far plus one)."""

from django.db import transaction
from django.db.models import Max

from core.publishing import PublicationStatus

from .models import Event, EventSeries

COPIED_FIELDS = [
    "title", "summary", "body", "starts_at", "ends_at", "all_day", "format", "venue_name",
    "address", "prefecture", "online_tool", "involvement", "organisers", "co_organisers",
    "registration_mode", "registration_url", "registration_deadline", "capacity",
    "ask_organisation", "ask_job_title", "ask_referral", "ask_needs", "fee_amount", "fee_note",
    "audience", "image", "image_alt", "is_sample",
]  # fmt: skip
# Not copied: joining_url and joining_note (each session has its own meeting), the counts of
# registrations (the copy has none).


def duplicate_as_draft(event: Event) -> Event:
    with transaction.atomic():
        copy = Event(
            **{name: getattr(event, name) for name in COPIED_FIELDS},
            **_next_session(event),
            status=PublicationStatus.DRAFT,
        )
        copy._change_reason = f"「{event.title}」（ID {event.pk}）から複製"
        copy.save()
        copy.supporters.set(event.supporters.all())
        for attachment in event.attachments.all():
            attachment.pk = None
            attachment.id = None
            attachment._state.adding = True
            attachment.event = copy
            attachment.save()
        for question in event.questions.all():
            question.pk = None
            question.id = None
            question._state.adding = True
            question.event = copy
            question.save()
    return copy


def _next_session(event):
    """The series and number of the session after the series' last one; nothing outside a
    series. The series row is locked so that two copies made at once get different numbers."""
    if event.series_id is None:
        return {}
    EventSeries.objects.select_for_update().filter(pk=event.series_id).first()
    last = Event.objects.filter(series_id=event.series_id).aggregate(last=Max("series_number"))
    return {"series_id": event.series_id, "series_number": (last["last"] or 0) + 1}
