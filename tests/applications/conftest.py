import datetime
import importlib

import pytest

FIRST_PLEDGE = importlib.import_module(
    "applications.migrations.0002_first_pledge_and_reviewer_permissions"
)


@pytest.fixture(autouse=True)
def _fast_locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def migration_data(transactional_db):
    """Rows that data migrations create (activity categories, the first pledge, the staff groups
    and the reviewers' permissions). A transactional test's flush removes them, and
    serialized_rollback cannot bring them back once the session's Playwright fixture has started
    (Django's connection then lives in another context), so transactional tests restore them."""
    from django.contrib.auth.models import Group, Permission

    from applications.models import PledgeVersion
    from pages.roles import APPLICATION_REVIEWERS, CONTENT_EDITORS
    from supporters.categories import ActivityCategory
    from supporters.models import Category

    for order, code in enumerate(ActivityCategory.values, start=1):
        Category.objects.update_or_create(code=code, defaults={"order": order})
    if not PledgeVersion.objects.exists():
        PledgeVersion.objects.create(
            text=FIRST_PLEDGE.PLEDGE_TEXT, effective_on=datetime.date(2021, 3, 1)
        )
    Group.objects.get_or_create(name=CONTENT_EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=APPLICATION_REVIEWERS)
    reviewers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="applications",
            codename__in=FIRST_PLEDGE.REVIEWER_PERMISSIONS,
        )
    )
