from django.urls import path

from . import survey_views, views

app_name = "registrations"

urlpatterns = [
    path("events/<slug:slug>/register/", views.register_input, name="register"),
    path("events/<slug:slug>/register/confirm/", views.register_confirm, name="confirm"),
    path("events/<slug:slug>/register/complete/", views.register_complete, name="complete"),
    path("registrations/survey/<str:token>/", survey_views.survey, name="survey"),
    path("registrations/<str:token>/", views.page, name="page"),
    path("registrations/<str:token>/edit/", views.page_edit, name="edit"),
    path("registrations/<str:token>/cancel/", views.page_cancel, name="cancel"),
]
