"""The staff side's own pages: 403, CSRF failure, and the login-throttling records."""

import re

import pytest
from axes.models import AccessLog
from django.contrib.auth.models import Permission
from django.test import Client

from tests.accounts.factories import superuser, verified_login
from tests.factories import UserFactory, content_editor, reviewer

pytestmark = pytest.mark.django_db

APPLICATIONS_URL = "/admin/applications/application/"


def test_content_editor_opening_applications_gets_the_japanese_staff_403(client):
    client.force_login(content_editor())
    response = client.get(APPLICATIONS_URL)
    assert response.status_code == 403
    html = response.content.decode()
    assert "NEXT TOHOKU MEETUP 管理" in html  # the admin's layout, not the public site's
    assert "この操作はできません" in html
    assert "このアカウントには「" in html and "」の一覧の表示の権限がありません" in html
    assert re.search(r'<a href="/admin/">管理メニューへ戻る</a>', html)
    assert "403 Forbidden" not in html and "Forbidden" not in html


def test_reviewer_opens_the_same_url(client):
    """Positive control: the page exists and a reviewer may see it."""
    verified_login(client, reviewer())
    assert client.get(APPLICATIONS_URL).status_code == 200


def test_public_403_keeps_the_public_layout(rf):
    from meetup_portal.views import permission_denied

    html = permission_denied(rf.get("/apply/status/x/"), None).content.decode()
    assert "この操作はできません" in html and "NEXT TOHOKU MEETUP 管理" not in html


def csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def page_form(**extra):
    return {
        "title": "CSRF のテスト",
        "slug": "csrf-test",
        "summary": "",
        "body": "<p>本文</p>",
        "status": "draft",
        "menu_order": 100,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        **extra,
    }


def test_csrf_failure_in_the_admin_shows_a_japanese_page():
    client = csrf_client(content_editor())
    response = client.post("/admin/pages/page/add/", page_form())
    assert response.status_code == 403
    html = response.content.decode()
    assert "送信を受け付けられませんでした" in html and "内容は保存されていません" in html
    assert "管理メニューへ戻る" in html and "NEXT TOHOKU MEETUP 管理" in html
    assert "CSRF verification failed" not in html and "Forbidden" not in html


def test_the_same_post_with_its_token_is_accepted():
    """Positive control: the refusal above is the CSRF check, not the form."""
    client = csrf_client(content_editor())
    client.get("/admin/pages/page/add/")
    token = client.cookies["csrftoken"].value
    response = client.post("/admin/pages/page/add/", page_form(csrfmiddlewaretoken=token))
    assert response.status_code == 302


def test_csrf_failure_outside_the_admin_keeps_the_standard_answer():
    response = Client(enforce_csrf_checks=True).post("/apply/other/", {})
    assert response.status_code == 403
    assert "送信を受け付けられませんでした" not in response.content.decode()


def test_throttling_records_have_japanese_names_for_superusers(client):
    AccessLog.objects.create(username="yokota", ip_address="192.0.2.1", user_agent="test")
    verified_login(client, superuser())
    index = client.get("/admin/").content.decode()
    assert "ログイン制限" in index and "ログイン記録" in index and "ログイン失敗" in index
    for english in ("Axes", "Access attempts", "Access failures", "Access logs"):
        assert english not in index
    changelist = client.get("/admin/axes/accesslog/").content.decode()
    assert "試行日時" in changelist and "IPアドレス" in changelist and "yokota" in changelist
    assert "Attempt Time" not in changelist and "IP Address" not in changelist


def test_throttling_records_are_hidden_from_other_staff_even_with_permissions(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__startswith="view_")
    )
    client.force_login(staff)
    assert "ログイン記録" not in client.get("/admin/").content.decode()
    assert client.get("/admin/axes/accesslog/").status_code == 403
    editor_client = Client()
    editor_client.force_login(content_editor())
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403
