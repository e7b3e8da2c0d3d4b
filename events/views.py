import hashlib

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import conditional_page, require_safe

from core.page_cache import cache_page_for_anonymous
from core.preview import mark_preview, preview_or_404

from . import calendar_grid
from .filters import EventFilterForm, months_with_events
from .ical import calendar_bytes
from .models import Event, EventSeries
from .series import Period, place_in_series, series_by_period, sessions_of
from .structured_data import event_data, json_ld_script, series_data

EVENTS_PER_PAGE = 20
# The list and calendar parameters a cached page may vary by; any other is rendered afresh.
FILTER_PARAMETERS = ("group", "format", "involvement", "month", "page")
LISTS = {
    "upcoming": {"heading": "開催予定のイベント", "url": "events:list"},
    "past": {"heading": "開催済みのイベント", "url": "events:past"},
}


def _list(request, kind):
    now = timezone.now()
    live = Event.objects.live()
    base = live.upcoming(now) if kind == "upcoming" else live.past(now)
    form = EventFilterForm(request.GET or None, months=list(months_with_events(base)))
    paginator = Paginator(form.filter(base).for_listing(), EVENTS_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "kind": kind,
        "heading": LISTS[kind]["heading"],
        "form": form,
        "page_obj": paginator.get_page(request.GET.get("page")),
        "query_string": query.urlencode(),
        "breadcrumbs": [("イベント", reverse("events:list")), (LISTS[kind]["heading"], None)]
        if kind == "past"
        else [("イベント", None)],
    }
    return render(request, "events/event_list.html", context)


@require_safe
@cache_page_for_anonymous(query=FILTER_PARAMETERS)
def upcoming(request):
    """Upcoming and ongoing events, soonest first."""
    return _list(request, "upcoming")


@require_safe
@cache_page_for_anonymous(query=FILTER_PARAMETERS)
def past(request):
    """Events that have ended, latest first."""
    return _list(request, "past")


@require_safe
def calendar_current(request):
    today = timezone.localdate()
    return redirect("events:calendar", year=today.year, month=today.month)


@require_safe
@cache_page_for_anonymous(query=FILTER_PARAMETERS)
def calendar_month(request, year, month):
    today = timezone.localdate()
    if not calendar_grid.is_allowed_month(year, month, today):
        raise Http404
    form = EventFilterForm(request.GET or None)
    events = form.filter(Event.objects.live().in_month(year, month)).for_listing()
    events = list(events.order_by("starts_at", "pk"))
    previous, following = calendar_grid.neighbour_months(year, month)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "year": year,
        "month": month,
        "events": events,
        "weeks": calendar_grid.month_weeks(year, month, events, today),
        "weekday_headers": calendar_grid.WEEKDAY_HEADERS,
        "previous": previous if calendar_grid.is_allowed_month(*previous, today) else None,
        "following": following if calendar_grid.is_allowed_month(*following, today) else None,
        "query_string": query,
        "breadcrumbs": [
            ("イベント", reverse("events:list")),
            (f"イベントカレンダー（{year}年{month}月）", None),
        ],
    }
    return render(request, "events/event_calendar.html", context)


@require_safe
@cache_page_for_anonymous()
def detail(request, slug):
    event = get_object_or_404(Event.objects.select_related("series"), slug=slug)
    preview = preview_or_404(request, event, "events.view_event")
    now = timezone.now()
    list_kind = "past" if event.is_over(now) else "upcoming"
    in_series = place_in_series(event, now)
    context = {
        "event": event,
        "now": now,
        "preview": preview,
        "in_series": in_series,
        "attachments": event.attachments.all(),
        "supporters": event.supporters.live().only("name", "slug", "kind"),
        "json_ld": json_ld_script(event_data(event, in_series and in_series.series)),
        "breadcrumbs": [
            ("イベント", reverse("events:list")),
            (LISTS[list_kind]["heading"], reverse(LISTS[list_kind]["url"])),
            (event.title, None),
        ],
    }
    return mark_preview(render(request, "events/event_detail.html", context), preview)


@require_safe
@cache_page_for_anonymous()
def series_list(request):
    """The live series: those still running or to come, then those that have ended."""
    current, ended = series_by_period(timezone.now())
    context = {
        "current": current,
        "ended": ended,
        "breadcrumbs": [("イベント", reverse("events:list")), ("連続講座", None)],
    }
    return render(request, "events/series_list.html", context)


@require_safe
@cache_page_for_anonymous()
def series_detail(request, slug):
    """A series (連続講座) and its live sessions in order, each with its date, format, place and
    where it stands (開催予定・開催中・終了・中止・延期)."""
    series = get_object_or_404(EventSeries, slug=slug)
    preview = preview_or_404(request, series, "events.view_eventseries")
    now = timezone.now()
    sessions = sessions_of(series, now)
    context = {
        "series": series,
        "sessions": sessions,
        "period": Period.of(sessions, now),
        "formats": [
            label
            for value, label in Event.Format.choices
            if any(session.format == value for session in sessions)
        ],
        "preview": preview,
        "json_ld": json_ld_script(series_data(series, sessions)),
        "breadcrumbs": [
            ("イベント", reverse("events:list")),
            ("連続講座", reverse("events:series-list")),
            (series.title, None),
        ],
    }
    return mark_preview(render(request, "events/series_detail.html", context), preview)


@require_safe
def event_ics(request, slug):
    """「カレンダーに追加」: one event as an .ics file."""
    event = get_object_or_404(Event.objects.live(), slug=slug)
    response = HttpResponse(
        calendar_bytes([event], name=event.title, subscription=False),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_safe
@gzip_page
@conditional_page
@cache_control(max_age=15 * 60)
@cache_page_for_anonymous(compress=True)
def feed_ics(request):
    """The calendar to subscribe to: upcoming events and those of the past 12 months. Cached
    until an event changes (and at most until midnight, when the window moves); answered with 304
    to a matching ETag, and compressed for clients that accept gzip (once per content version
    for anonymous clients: ~130 KB of iCalendar at 1,000 events, ~15 KB compressed)."""
    body = calendar_bytes(Event.objects.live().in_calendar_feed())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    return response
