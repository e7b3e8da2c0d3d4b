"""Issue 12, item 6: the admin's application search ignores kana, width and case; 受付番号
does not wrap in the list."""

import pytest

from tests.accounts.factories import verified_login
from tests.factories import reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/applications/application/"


@pytest.mark.parametrize("term", ["トウホク", "ﾄｳﾎｸ", "とうほく", "ＴＯＨＯＫＵ", "tohoku"])
def test_kana_width_and_case_find_the_same_application(client, term):
    found = submit_application(name="株式会社とうほく未来 TOHOKU", reading="とうほくみらい")
    other = submit_application(name="やまがた商店", reading="やまがたしょうてん",
                               listing_name="やまがた商店", listing_reading="やまがたしょうてん")  # fmt: skip
    verified_login(client, reviewer())
    html = client.get(CHANGELIST, {"q": term, "status": "all"}).content.decode()
    assert found.number in html
    assert other.number not in html
    # Control: the other one is listed without a search.
    assert other.number in client.get(CHANGELIST, {"status": "all"}).content.decode()


def test_the_receipt_number_does_not_wrap(client):
    submit_application()
    verified_login(client, reviewer())
    html = client.get(CHANGELIST).content.decode()
    assert "applications/review.css" in html and 'class="field-number"' in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("applications/review.css"), encoding="utf-8").read()
    assert ".column-number, .field-number { white-space: nowrap; }" in css


def test_the_search_column_forgets_the_name_with_the_personal_data():
    from applications import retention
    from applications.models import Application

    application = submit_application(name="株式会社とうほく未来")
    assert "とうほく" in Application.objects.get(pk=application.pk).search_text  # control
    retention.anonymise(application)
    stored = Application.objects.get(pk=application.pk)
    assert (
        "とうほく" not in stored.search_text and application.number.casefold() in stored.search_text
    )
