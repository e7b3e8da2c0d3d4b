from django.urls import path

from . import views
from .feeds import NewEventsFeed

app_name = "events"

urlpatterns = [
    path("", views.upcoming, name="list"),
    path("past/", views.past, name="past"),
    path("calendar/", views.calendar_current, name="calendar-current"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("feed.ics", views.feed_ics, name="feed-ics"),
    path("feed/", NewEventsFeed(), name="feed"),
    path("series/", views.series_list, name="series-list"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="ics"),
]
