"""Cache-Control: no-store on responses that carry personal data and on the sign-in pages."""

import pytest

from tests.factories import reviewer
from tests.test_settings import run_manage

from .factories import LOGIN_URL, RECOVERY_URL, SETUP_URL, VERIFY_URL, password_step, totp_device

pytestmark = pytest.mark.django_db


def stores_nothing(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url",
    ["/apply/", "/apply/confirm/", "/admin/applications/", "/admin/registrations/",
     "/registrations/not-a-token/", "/events/no-such-event/register/"],
)  # fmt: skip
def test_responses_under_the_private_prefixes_are_not_stored(client, url):
    assert stores_nothing(client.get(url))


def test_other_pages_stay_cacheable(client):
    assert not stores_nothing(client.get("/"))
    assert not stores_nothing(client.get("/topics/"))


def test_no_environment_variable_weakens_the_path_lists():
    """The lists are constants in accounts/policy.py; the old variables are ignored."""
    code = (
        "from accounts import policy; "
        "print(policy.NO_STORE_PATH_PREFIXES, policy.SECOND_FACTOR_PATH_PREFIXES)"
    )
    result = run_manage(
        "shell", "-c", code,
        NO_STORE_PATH_PREFIXES="/nothing/", STAFF_SECOND_FACTOR_PATH_PREFIXES="/nothing/",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "('/apply/', '/admin/applications/', '/registrations/', '/admin/registrations/') "
        "('/admin/',)"
    )


def test_every_page_of_the_sign_in_flow_is_not_stored(client):
    assert stores_nothing(client.get(LOGIN_URL))
    user = reviewer()
    response = password_step(client, user)
    assert stores_nothing(response)
    assert stores_nothing(client.get(SETUP_URL))
    assert stores_nothing(client.get("/admin/"))  # the redirect to the flow
    totp_device(user)
    for url in [VERIFY_URL, RECOVERY_URL]:
        response = client.get(url)
        assert response.status_code == 200 and stores_nothing(response), url
