"""Included under /admin/ before the admin's own URLs: /admin/login/ is the staff sign-in."""

from django.urls import path

from . import views
from .middleware import second_factor_exempt

app_name = "accounts"

urlpatterns = [
    path("login/", second_factor_exempt(views.StaffLoginView.as_view()), name="login"),
    path("otp/setup/", second_factor_exempt(views.SetupView.as_view()), name="otp-setup"),
    path("otp/verify/", second_factor_exempt(views.VerifyView.as_view()), name="otp-verify"),
    path("otp/recovery/", second_factor_exempt(views.RecoveryView.as_view()), name="otp-recovery"),
    path("session/extend/", views.extend_session, name="session-extend"),
    path(
        "otp/recovery-codes/",
        second_factor_exempt(views.RecoveryCodesView.as_view()),
        name="recovery-codes",
    ),
]
