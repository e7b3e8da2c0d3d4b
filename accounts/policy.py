"""Who must sign in with a second factor, and where. One definition, used by the login flow, the
middleware and the decorator for views outside the admin."""

from django_otp import user_has_device

from core.roles import APPLICATION_REVIEWERS

APPLICATIONS_APP_LABEL = "applications"

# Paths where a signed-in account that needs a second factor must have given it. Constants, not
# settings: nothing in the environment can take a path off these lists.
SECOND_FACTOR_PATH_PREFIXES = ("/admin/",)
# Responses under these paths carry personal data: never stored by browsers or proxies.
NO_STORE_PATH_PREFIXES = ("/apply/", "/admin/applications/")


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


def second_factor_required(user):
    """A second factor is compulsory for accounts that can see applications and, once they have
    set one up, for everybody else (it is optional for コンテンツ編集者 until then)."""
    return can_see_applications(user) or user_has_device(user, confirmed=True)
