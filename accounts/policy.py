"""Who must sign in with a second factor, and where. One definition, used by the login flow, the
middleware and the decorator for views outside the admin."""

import re

from django_otp import user_has_device

from core.roles import APPLICATION_REVIEWERS, EVENT_RECEPTION

APPLICATIONS_APP_LABEL = "applications"
REGISTRATIONS_APP_LABEL = "registrations"

# Paths where a signed-in account that needs a second factor must have given it. Constants, not
# settings: nothing in the environment can take a path off these lists.
SECOND_FACTOR_PATH_PREFIXES = ("/admin/",)
# Responses under these paths carry personal data: never stored by browsers or proxies.
NO_STORE_PATH_PREFIXES = (
    "/apply/",
    "/admin/applications/",
    "/registrations/",
    "/admin/registrations/",
)
# ... and under these: an event's registration form (/events/<slug>/register/...).
NO_STORE_PATH_PATTERNS = (re.compile(r"^/events/[^/]+/register/"),)


def is_no_store_path(path):
    return path.startswith(NO_STORE_PATH_PREFIXES) or any(
        pattern.match(path) for pattern in NO_STORE_PATH_PATTERNS
    )


def can_see_applications(user):
    """Superusers, members of 申込審査担当 and anyone holding a permission of the applications app
    (given directly or through any group) can see applicants' personal data."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if user.groups.filter(name=APPLICATION_REVIEWERS).exists():
        return True
    return user.has_module_perms(APPLICATIONS_APP_LABEL)


def can_see_registrations(user):
    """Superusers, members of イベント受付担当 and anyone holding a permission of the
    registrations app can see registrants' personal data."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if user.groups.filter(name=EVENT_RECEPTION).exists():
        return True
    return user.has_module_perms(REGISTRATIONS_APP_LABEL)


def sees_personal_data(user):
    return can_see_applications(user) or can_see_registrations(user)


def second_factor_required(user):
    """A second factor is compulsory for accounts that can see applications or registrants and,
    once they have set one up, for everybody else (it is optional for コンテンツ編集者 until
    then)."""
    return sees_personal_data(user) or user_has_device(user, confirmed=True)
