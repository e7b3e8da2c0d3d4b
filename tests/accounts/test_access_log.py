"""The access log of personal data: record(), the read-only admin, CSV export, device reset."""

import csv
import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access_log import record
from accounts.models import AccessAction, AccessLogEntry, AccessLogIsAppendOnly, UserSession
from tests.factories import reviewer

from .factories import recovery_codes, sign_in, superuser, totp_device, verified_login

pytestmark = pytest.mark.django_db


def request_by(user, address="203.0.113.5"):
    request = RequestFactory().get("/admin/applications/application/7/change/", REMOTE_ADDR=address)
    request.user = user
    return request


def test_record_writes_one_row_with_who_what_and_where():
    user = reviewer(username="sato")
    entry = record(request_by(user), "application.pdf", "NTM-2026-0007", 7)
    assert AccessLogEntry.objects.count() == 1
    entry.refresh_from_db()
    assert (entry.user, entry.username, entry.action, entry.target_label, entry.target_id) == (
        user,
        "sato",
        AccessAction.APPLICATION_PDF,
        "NTM-2026-0007",
        "7",
    )
    assert entry.client_address == "203.0.113.5"
    assert timezone.now() - entry.created_at < timedelta(seconds=5)


def test_behind_the_proxy_the_row_has_the_forwarded_client_address(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    request = request_by(reviewer(), address="10.0.0.1")
    request.META["HTTP_X_FORWARDED_FOR"] = "6.6.6.6, 203.0.113.77"
    assert record(request, "application.pdf", "NTM-2026-0007", 7).client_address == "203.0.113.77"


def test_record_refuses_unknown_actions():
    with pytest.raises(ValueError):
        record(request_by(reviewer()), "application.peek")
    assert not AccessLogEntry.objects.exists()


def test_rows_cannot_be_changed_or_deleted_through_the_orm():
    entry = record(request_by(reviewer()), "application.view", "NTM-2026-0001", 1)
    entry.target_label = "改ざん"
    with pytest.raises(AccessLogIsAppendOnly):
        entry.save()
    with pytest.raises(AccessLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AccessLogIsAppendOnly):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AccessLogIsAppendOnly):
        AccessLogEntry.objects.update(target_label="改ざん")
    assert AccessLogEntry.objects.get().target_label == "NTM-2026-0001"


def test_superuser_lists_and_filters_but_cannot_add_change_or_delete(client):
    admin_user = superuser()
    entry = record(request_by(reviewer(username="ito")), "application.view", "NTM-2026-0003", 3)
    record(request_by(reviewer()), "applications.export", "全件出力-2026")
    verified_login(client, admin_user)
    assert "全件出力-2026" in client.get("/admin/accounts/accesslogentry/").content.decode()
    listing = client.get("/admin/accounts/accesslogentry/?action__exact=application.view")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "NTM-2026-0003" in html and "全件出力-2026" not in html
    assert "/admin/accounts/accesslogentry/add/" not in html
    assert 'value="delete_selected"' not in html
    assert client.get("/admin/accounts/accesslogentry/add/").status_code == 403
    change_url = f"/admin/accounts/accesslogentry/{entry.pk}/change/"
    detail = client.get(change_url)
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.post(change_url, {"target_label": "x"}).status_code == 403
    assert client.get(f"/admin/accounts/accesslogentry/{entry.pk}/delete/").status_code == 403
    assert AccessLogEntry.objects.count() == 2


def test_reviewers_cannot_see_the_access_log(client):
    user = reviewer()
    sign_in(client, user)
    assert client.get("/admin/accounts/accesslogentry/").status_code == 403


def test_export_writes_utf8_csv_with_bom_and_filters_by_date(tmp_path):
    user = reviewer(username="kato")
    three_days_ago = timezone.now() - timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=three_days_ago):
        record(request_by(user), "application.view", "NTM-2025-0100", 100)
    record(request_by(user), "application.view", "NTM-2026-0001", 1)
    record(request_by(user), "application.pdf", "NTM-2026-0002", 2)
    today = timezone.localdate().isoformat()
    output = tmp_path / "log.csv"
    call_command("export_access_log", "--since", today, "--until", today, "--output", str(output))
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "日時",
        "ユーザー名",
        "操作コード",
        "操作",
        "対象",
        "対象ID",
        "接続元アドレス",
    ]
    assert [row[4] for row in rows[1:]] == ["NTM-2026-0001", "NTM-2026-0002"]
    assert rows[2][1:4] == ["kato", "application.pdf", "申込みPDFのダウンロード"]

    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    call_command("export_access_log", "--until", yesterday, "--output", str(output))
    rows = list(csv.reader(io.StringIO(output.read_text("utf-8-sig"))))
    assert [row[4] for row in rows[1:]] == ["NTM-2025-0100"]
    exports = AccessLogEntry.objects.filter(action=AccessAction.ACCESS_LOG_EXPORT)
    assert exports.count() == 2 and exports.first().username.startswith("cli:")


def test_export_to_standard_output_starts_with_a_bom():
    record(request_by(reviewer()), "application.upload", "NTM-2026-0009", 9)
    out = io.StringIO()
    call_command(
        "export_access_log", "--action", "application.upload", stdout=out, stderr=io.StringIO()
    )
    assert out.getvalue().startswith("\ufeff日時,")
    assert "NTM-2026-0009" in out.getvalue()


def test_reset_staff_devices_removes_devices_ends_sessions_and_is_logged(client):
    admin_user = superuser(username="kanri")
    user = reviewer(username="lost-phone")
    sign_in(client, user)
    recovery_codes(user)
    call_command("reset_staff_devices", "lost-phone", "--by", "kanri", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not UserSession.objects.filter(user=user).exists()
    entry = AccessLogEntry.objects.get(action=AccessAction.ACCOUNT_DEVICES_RESET)
    assert entry.user == admin_user and entry.target_id == str(user.pk)
    assert entry.target_label.startswith("lost-phone")
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_reset_staff_devices_needs_a_superuser_to_answer_for_it():
    user = reviewer(username="someone")
    totp_device(user)
    reviewer(username="not-admin")
    with pytest.raises(CommandError):
        call_command("reset_staff_devices", "someone", "--by", "not-admin")
    with pytest.raises(CommandError):
        call_command("reset_staff_devices", "nobody", "--by", superuser().username)
    assert TOTPDevice.objects.filter(user=user).exists()


def test_device_secrets_are_not_in_the_admin():
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_access_log_admin_queries_do_not_grow_with_rows(client):
    from tests.queries import assert_queries_do_not_grow

    verified_login(client, superuser())
    users = [reviewer() for _ in range(3)]
    record(request_by(users[0]), "application.view", "NTM-2026-0001", 1)

    def add_rows():
        for number in range(2, 60):
            record(
                request_by(users[number % 3]), "application.pdf", f"NTM-2026-{number:04d}", number
            )

    assert_queries_do_not_grow(client, "/admin/accounts/accesslogentry/", add_rows)


def test_export_guards_a_username_or_target_that_would_run_as_a_formula():
    record(request_by(reviewer(username="=cmd")), "application.view", "@SUM(1)", 9)
    out = io.StringIO()
    call_command("export_access_log", stdout=out, stderr=io.StringIO())
    row = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))[1]
    assert (row[1], row[4]) == ("'=cmd", "'@SUM(1)")
