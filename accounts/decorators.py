"""For views outside the admin that hand out personal data (e.g. a PDF download)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from . import second_factor


def verified_staff_required(permission):
    """Allow only active staff who hold ``permission`` and, where the policy asks for one, have
    given their second factor in this session. Others are sent to sign in (or to the code or
    enrolment page); signed-in staff without the permission get 403. Responses are no-store."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if second_factor.needs_second_step(request):
                user = second_factor.flow_user(request)
                return redirect(second_factor.next_step(user, request.get_full_path()))
            user = request.user
            if not (user.is_authenticated and user.is_active and user.is_staff):
                return redirect_to_login(request.get_full_path())
            if not user.has_perm(permission):
                raise PermissionDenied
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        return wrapper

    return decorator
