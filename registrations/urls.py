from django.urls import path

from . import survey_views, views, views_checkin

app_name = "registrations"

urlpatterns = [
    path("events/<slug:slug>/register/", views.register_input, name="register"),
    path("events/<slug:slug>/register/confirm/", views.register_confirm, name="confirm"),
    path("events/<slug:slug>/register/complete/", views.register_complete, name="complete"),
    path("registrations/survey/<str:token>/", survey_views.survey, name="survey"),
    path(
        "events/series/<slug:slug>/register/",
        views.register_input,
        {"kind": "series"},
        name="series-register",
    ),
    path(
        "events/series/<slug:slug>/register/confirm/",
        views.register_confirm,
        {"kind": "series"},
        name="series-confirm",
    ),
    path(
        "events/series/<slug:slug>/register/complete/",
        views.register_complete,
        {"kind": "series"},
        name="series-complete",
    ),
    path("registrations/<str:token>/", views.page, name="page"),
    path("registrations/<str:token>/calendar.ics", views.page_ics, name="ics"),
    path("registrations/<str:token>/edit/", views.page_edit, name="edit"),
    path("registrations/<str:token>/cancel/", views.page_cancel, name="cancel"),
    path(
        "registrations/<str:token>/attendance/<int:event_pk>/",
        views_checkin.attendance_code,
        name="attendance-code",
    ),
]
