"""Issue 12, item 5: 審査状況 — counts, working days in status (holidays excluded), overdue
against the target in site settings, monthly figures as a table, an inline SVG and a CSV."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import AccessLogEntry
from applications import review, statistics
from applications.models import ApplicationLog
from tests.accounts.factories import verified_login
from tests.clock import Clock
from tests.factories import reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db
URL = "/admin/applications/application/dashboard/"


def moment(month, day, hour=10):
    return timezone.make_aware(datetime.datetime(2026, month, day, hour, 0))


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, moment(5, 11, 15))  # Monday after Golden Week 2026


@pytest.fixture
def staff():
    return reviewer(username="shinsa")


def at(clock, when, step):
    """Run a step at a known time; its log entry gets that time too."""
    clock.set(when)
    result = step()
    ApplicationLog.objects.filter(pk=ApplicationLog.objects.order_by("pk").last().pk).update(
        created_at=when
    )
    return result


@pytest.fixture
def known(clock, staff):
    """Applications in known states and dates (see each line); the clock ends on 2026-05-11."""
    apps = {}
    apps["A"] = at(clock, moment(4, 27), lambda: submit_application(name="A"))  # 受付
    apps["B"] = at(clock, moment(4, 20), lambda: submit_application(name="B"))
    at(clock, moment(4, 30), lambda: review.start_review(apps["B"], staff))  # 審査中
    apps["C"] = at(clock, moment(5, 8), lambda: submit_application(name="C"))  # 受付
    apps["D"] = at(clock, moment(4, 1), lambda: submit_application(name="D"))
    at(clock, moment(4, 2), lambda: review.start_review(apps["D"], staff))
    at(clock, moment(4, 8), lambda: review.approve(apps["D"], staff))  # 承認: 5 days
    apps["E"] = at(clock, moment(4, 6), lambda: submit_application(name="E"))
    at(clock, moment(4, 9), lambda: review.reject(apps["E"], staff, "対象外"))  # 却下: 3 days
    apps["F"] = at(clock, moment(5, 7), lambda: submit_application(name="F"))
    at(clock, moment(5, 8), lambda: review.return_for_correction(apps["F"], staff, "要修正"))
    clock.set(moment(5, 11, 15))
    return apps


def test_working_days_skip_weekends_and_national_holidays():
    # 2026-04-27 (Mon) → 2026-05-11 (Mon): 14 calendar days; 4/29 and 5/3–5/6 are holidays.
    assert (
        statistics.working_days_between(datetime.date(2026, 4, 27), datetime.date(2026, 5, 11)) == 6
    )
    assert not statistics.is_working_day(datetime.date(2026, 5, 6))  # 振替休日
    assert statistics.is_working_day(datetime.date(2026, 5, 7))  # control
    assert not statistics.is_working_day(datetime.date(2026, 12, 29))  # 年末年始


def test_counts_days_in_status_and_overdue_match_the_fixture(client, staff, known):
    verified_login(client, staff)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    counts = dict(statistics.status_counts())
    assert counts == {"受付": 2, "審査中": 1, "承認": 1, "差戻し": 1, "却下": 1, "取下げ": 0}
    assert 'data-status="受付">2件' in html and 'data-status="取下げ">0件' in html
    rows = {
        row.application.name: row for row in statistics.waiting_longest(timezone.localdate(), 10)
    }
    assert sorted(rows) == ["A", "B", "C"]  # open ones only
    assert (rows["A"].days_in_status, rows["A"].days_waiting, rows["A"].overdue) == (6, 6, False)
    assert (rows["B"].days_in_status, rows["B"].days_waiting, rows["B"].overdue) == (4, 11, True)
    assert (rows["C"].days_in_status, rows["C"].days_waiting, rows["C"].overdue) == (1, 1, False)
    b_row = html[html.index(f'data-number="{known["B"].number}"') :]
    b_row = b_row[: b_row.index("</tr>")]
    assert "4日" in b_row and "11日" in b_row and "目標超過" in b_row
    a_row = html[html.index(f'data-number="{known["A"].number}"') :]
    assert "目標内" in a_row[: a_row.index("</tr>")]
    # The personal data stays off this page: numbers, not names.
    assert "株式会社とうほく未来" not in html
    assert AccessLogEntry.objects.filter(action="review.dashboard").count() == 1


def test_the_target_comes_from_site_settings(client, staff, known):
    from pages.models import SiteSettings

    site = SiteSettings.load()
    site.review_target_days = 5
    site.save()
    verified_login(client, staff)
    html = client.get(URL).content.decode()
    a_row = html[html.index(f'data-number="{known["A"].number}"') :]
    assert "目標超過" in a_row[: a_row.index("</tr>")]


def test_monthly_figures_table_and_inline_svg(client, staff, known):
    months = {(m.year, m.month): m for m in statistics.monthly(timezone.localdate())}
    april, may = months[(2026, 4)], months[(2026, 5)]
    assert (april.received, april.approved, april.rejected, april.returned) == (4, 1, 1, 0)
    assert april.median_days == 4  # median of 5 and 3 working days
    assert (may.received, may.returned, may.median_days) == (2, 1, 1)
    assert len(months) == 12 and months[(2025, 6)].received == 0
    verified_login(client, staff)
    html = client.get(URL).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert "2026年4月 受付 4件" in html  # a bar's own title
    assert "<script" not in html[html.index('id="content-main"') :]
    april_row = html[html.index('<th scope="row">2026年4月</th>') :]
    assert "4日" in april_row[: april_row.index("</tr>")]


def test_csv_starts_with_a_bom_and_has_the_months(client, staff, known):
    verified_login(client, staff)
    response = client.get(f"{URL}monthly.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff月,受付,承認,差戻し,却下,取下げ")
    assert "\r\n2026-04,4,1,0,1,0,4\r\n" in body


def test_only_reviewers_see_the_dashboard(client, staff):
    from tests.factories import content_editor

    client.force_login(content_editor())
    assert client.get(URL).status_code == 403
    verified_login(client, staff)
    assert client.get(URL).status_code == 200


def test_the_target_is_edited_in_the_site_settings_admin(client):
    from pages.models import SiteSettings
    from tests.factories import content_editor

    assert SiteSettings.load().review_target_days == 10  # the default
    client.force_login(content_editor())
    html = client.get("/admin/pages/sitesettings/1/change/").content.decode()
    assert "審査の目標日数（開庁日）" in html and 'name="review_target_days"' in html
