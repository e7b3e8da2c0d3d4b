from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.apply_input, name="input"),
    path("confirm/", views.apply_confirm, name="confirm"),
    path("complete/", views.apply_complete, name="complete"),
    path("status/<str:token>/", views.status, name="status"),
    path(
        "status/<str:token>/documents/<int:version>/<slug:kind>/",
        views.status_document,
        name="status-document",
    ),
    path("status/<str:token>/correct/", views.status_correct, name="correct"),
    path("status/<str:token>/withdraw/", views.status_withdraw, name="withdraw"),
]
