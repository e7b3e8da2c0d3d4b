"""Private storage and least privilege: only reviewers (and superusers) see applications and their
files; the public, anonymous users and コンテンツ編集者 get 404 or the login page."""

import pytest
from django.conf import settings

from applications import links
from tests.accounts.factories import verified_login
from tests.factories import UserFactory, content_editor, reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db


def document_url(application, kind="application"):
    return f"/admin/applications/application/{application.pk}/documents/1/{kind}/"


def test_pdfs_live_outside_the_public_media_folder(application):
    version = application.versions.get()
    path = version.application_pdf.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        version.application_pdf.url  # noqa: B018 - private files have no URL


@pytest.mark.parametrize("kind", ["application", "pledge"])
def test_anonymous_users_get_the_login_page(client, application, kind):
    response = client.get(document_url(application, kind))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("kind", ["application", "pledge"])
def test_content_editors_get_404(client, application, kind):
    client.force_login(content_editor())
    assert client.get(document_url(application, kind)).status_code == 404


def test_logged_in_public_users_get_the_login_page(client, application):
    client.force_login(UserFactory())
    response = client.get(document_url(application))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("kind", ["application", "pledge"])
def test_reviewers_open_both_pdfs(client, application, kind):
    verified_login(client, reviewer())
    response = client.get(document_url(application, kind))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"]


def test_private_files_are_not_reachable_under_media(client, application):
    name = application.versions.get().application_pdf.name
    assert client.get(f"/media/{name}").status_code == 404
    client.raise_request_exception = False
    assert client.get(f"/media/../private_media/{name}").status_code in (400, 404)


def test_the_applicant_opens_the_pdfs_through_the_signed_link(client, application):
    status_path = links.status_path(application)
    html = client.get(status_path).content.decode()
    assert application.number in html
    assert "申込書（PDF" in html and "誓約書（PDF" in html
    response = client.get(f"{status_path}documents/1/pledge/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_forged_or_foreign_status_link_gets_404(client, application):
    other = submit_application(name="合同会社みやぎ")
    token = links.make_token(other)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(f"/apply/status/{forged}/").status_code == 404
    assert client.get(f"/apply/status/{forged}/documents/1/application/").status_code == 404


def test_an_expired_status_link_says_so(client, application, settings):
    token = links.make_token(application)
    settings.APPLY_STATUS_LINK_MAX_AGE = -1
    response = client.get(f"/apply/status/{token}/")
    assert response.status_code == 410
    assert "有効期限が切れています" in response.content.decode()


def test_content_editors_cannot_see_applications_in_the_admin(client, application):
    client.force_login(content_editor())
    assert client.get("/admin/applications/application/").status_code == 403
    assert (
        client.get(f"/admin/applications/application/{application.pk}/change/").status_code == 403
    )
    assert client.get("/admin/applications/outboxmessage/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "申込み" not in index
    assert application.number not in index


def test_reviewers_see_the_application_list_and_search(client, application):
    submit_application(name="合同会社みやぎ")
    verified_login(client, reviewer())
    html = client.get("/admin/applications/application/").content.decode()
    assert application.number in html and "合同会社みやぎ" in html
    by_number = client.get(
        "/admin/applications/application/", {"q": application.number}
    ).content.decode()
    assert "合同会社みやぎ" not in by_number and application.number in by_number
    by_name = client.get("/admin/applications/application/", {"q": "みやぎ"}).content.decode()
    assert application.number not in by_name.split("合同会社みやぎ")[0].split("result_list")[-1]
    assert "合同会社みやぎ" in by_name


def test_reviewers_see_the_application_read_only_with_its_pdfs(client, application):
    verified_login(client, reviewer())
    html = client.get(f"/admin/applications/application/{application.pk}/change/").content.decode()
    assert "株式会社とうほく未来" in html
    assert document_url(application, "application") in html
    assert document_url(application, "pledge") in html
    assert 'name="name"' not in html  # no editable inputs
    assert "審査履歴" in html


def test_list_query_count_does_not_grow(client):
    from tests.queries import assert_queries_do_not_grow

    submit_application()
    verified_login(client, reviewer())

    def add_data():
        for index in range(5):
            submit_application(name=f"追加{index}")

    assert_queries_do_not_grow(client, "/admin/applications/application/?status=all", add_data)


def test_csv_export_is_utf8_with_bom(client, application):
    verified_login(client, reviewer())
    response = client.post(
        "/admin/applications/application/",
        {"action": "export_csv", "_selected_action": [application.pk], "index": 0},
    )
    assert response.status_code == 200
    body = response.content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("受付番号,状態,受付日時,種別,名称・氏名")
    assert application.number in row and "株式会社とうほく未来" in row and "宮城県" in row


def test_a_refused_staff_member_gets_a_japanese_page_back_to_the_admin_menu(client, application):
    client.force_login(content_editor())
    response = client.get(f"/admin/applications/application/{application.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "この操作はできません" in html and 'href="/admin/"' in html
    assert "Forbidden" not in html and application.number not in html
