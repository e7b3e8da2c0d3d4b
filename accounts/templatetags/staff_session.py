"""The idle-limit warning on staff pages (templates/admin/base_site.html)."""

from django import template
from django.middleware.csrf import get_token

from .. import second_factor, sessions

register = template.Library()


@register.inclusion_tag("accounts/includes/session_warning.html", takes_context=True)
def session_warning(context):
    """The warning dialog with the seconds this session has left, for a signed-in staff member;
    nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and user.is_staff):
        return {"show": False}
    if second_factor.needs_second_step(request):
        # Half-way through signing in: the staff pages (and the endpoint) are not open yet.
        return {"show": False}
    return {
        "show": True,
        "csrf_token": get_token(request),
        "seconds_left": sessions.seconds_left(request.session),
        "warning_seconds": sessions.warning_seconds(),
        "warning_minutes": max(1, round(sessions.warning_seconds() / 60)),
    }
