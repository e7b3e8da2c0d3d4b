"""Login throttling on top of django-axes: one limit per account, another per client address,
and a lock-out that looks exactly like a wrong password."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http.response import HttpResponseBase


class StaffLoginHandler(AxesDatabaseHandler):
    """Axes compares one failure count with one limit (AXES_FAILURE_LIMIT, the account limit).
    With AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"] this reports the failures of the
    account, or those of the client address less the difference between the two limits, so that
    the lock falls after ``account limit`` failures for one account or ``address limit`` failures
    from one address, whichever comes first. Attempts stay in the shared database."""

    def get_failures(self, request, credentials=None):
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        headroom = settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(by_account, by_address - headroom)

    def reset_user_attempts(self, request, credentials=None):
        """A successful login clears the failures of that account only. (Axes would delete every
        attempt from the client's address, so one staff member signing in would lift the lock
        that another account's wrong passwords had earned from the same address.)"""
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return deleted


def lockout_response(request, original_response, credentials):
    """The login page as rendered for a wrong password: same text, same status. (Under ASGI
    axes passes no response; the login view then renders the same refusal itself.)"""
    if isinstance(original_response, HttpResponseBase):
        return original_response
    from .views import StaffLoginView

    return StaffLoginView.as_view()(request)
