"""Issue 7 on the application's own URLs: the second factor guards them, every look at personal
data writes one access-log row, and nothing with personal data may be stored by a browser."""

import csv
import io

import pytest
from django.core import signing

from accounts.models import AccessLogEntry
from applications import links, pdf, review
from tests.accounts.factories import SETUP_URL, sign_in, totp_device, verified_login
from tests.factories import reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db


def urls_of(application):
    base = f"/admin/applications/application/{application.pk}"
    return {
        "change": f"{base}/change/",
        "application_pdf": f"{base}/documents/1/application/",
        "pledge_pdf": f"{base}/documents/1/pledge/",
    }


@pytest.mark.parametrize("name", ["change", "application_pdf", "pledge_pdf"])
def test_reviewer_without_a_confirmed_device_gets_no_application_data(client, application, name):
    user = reviewer()
    client.force_login(user)
    totp_device(user, confirmed=False)
    response = client.get(urls_of(application)[name])
    assert response.status_code == 302 and response["Location"].startswith(SETUP_URL)
    assert application.number.encode() not in response.content
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("change", "application.view"),
        ("application_pdf", "application.pdf"),
        ("pledge_pdf", "application.pdf"),
    ],
)
def test_each_open_adds_one_access_log_row(client, application, name, action):
    user = reviewer(username="shinsa")
    verified_login(client, user)
    url = urls_of(application)[name]
    for expected in (1, 2):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert AccessLogEntry.objects.count() == expected
    entry = AccessLogEntry.objects.latest("pk")
    assert (entry.user, entry.action, entry.target_id) == (user, action, str(application.pk))
    assert application.number in entry.target_label
    assert entry.client_address == "127.0.0.1"


def test_csv_export_adds_one_access_log_row(client, application):
    verified_login(client, reviewer())
    response = client.post(
        "/admin/applications/application/",
        {"action": "export_csv", "_selected_action": [application.pk]},
    )
    assert response.status_code == 200 and response.content.startswith("\ufeff".encode())
    entry = AccessLogEntry.objects.get()
    assert entry.action == "applications.export" and entry.target_label == "1件"


def test_applicant_pages_and_admin_pages_of_applications_are_never_stored(client, application):
    assert "no-store" in client.get("/apply/")["Cache-Control"]
    assert "no-store" in client.get(links.status_path(application))["Cache-Control"]
    verified_login(client, reviewer())
    assert "no-store" in client.get("/admin/applications/application/")["Cache-Control"]


def test_reviewer_signed_in_with_a_code_opens_the_list_and_a_pdf(client, application):
    user = reviewer()
    client.force_login(user)
    list_url = "/admin/applications/application/"
    assert client.get(list_url)["Location"].startswith(SETUP_URL)
    client.logout()

    sign_in(client, user)  # password, then a code computed from the device's secret
    assert application.number in client.get(list_url).content.decode()
    response = client.get(urls_of(application)["application_pdf"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_one_applications_file_urls_do_not_open_another_applications_files(client, application):
    """Object-level checks: a document URL names its application, and the applicant's signed
    link names exactly one application."""
    other = submit_application()
    pdf.generate(other.versions.get())
    review.start_review(other, reviewer(), "")
    review.return_for_correction(other, reviewer(), "修正してください")
    verified_login(client, reviewer())
    # Version 2 exists for nobody; the first application's URL shape never reaches the other's file.
    assert (
        client.get(
            f"/admin/applications/application/{application.pk}/documents/2/pledge/"
        ).status_code
        == 404
    )
    client.logout()

    own_token = links.make_token(application)
    response = client.get(f"/apply/status/{own_token}/documents/1/application/")
    assert response.status_code == 200
    own_pdf = b"".join(response.streaming_content)
    other_pdf = other.versions.get().application_pdf.open("rb").read()
    assert own_pdf != other_pdf
    # A link is signed for one application: altered or signed with another key, it opens nothing.
    altered = own_token[:-3] + ("AAA" if not own_token.endswith("AAA") else "BBB")
    foreign = signing.dumps({"a": other.pk, "n": other.number}, salt="not-the-status-salt")
    for token in (altered, foreign):
        response = client.get(f"/apply/status/{token}/")
        assert other.number not in response.content.decode()
        assert client.get(f"/apply/status/{token}/documents/1/application/").status_code == 404


def test_csv_export_guards_cells_that_would_run_as_formulas(client):
    application = submit_application(
        name='=HYPERLINK("http://evil.example/","開く")',
        activity_summary="+cmd|' /C calc'!A0",
        supporter_plan="@SUM(1+1)",
        contact_department="-2+3",
    )
    verified_login(client, reviewer())
    response = client.post(
        "/admin/applications/application/",
        {"action": "export_csv", "_selected_action": [application.pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = set(rows[1])
    assert '\'=HYPERLINK("http://evil.example/","開く")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'@SUM(1+1)" in cells
    assert "'-2+3" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_list_and_name_search_add_a_row_without_the_search_term(client, application):
    verified_login(client, reviewer())
    assert client.get("/admin/applications/application/").status_code == 200
    response = client.get("/admin/applications/application/", {"q": application.name})
    assert application.number in response.content.decode()
    listed, searched = AccessLogEntry.objects.order_by("pk")
    assert (listed.action, listed.target_label) == ("applications.list", "一覧")
    assert (searched.action, searched.target_label) == ("applications.list", "検索")
    assert application.name not in searched.target_label


def test_history_view_adds_one_row(client, application):
    verified_login(client, reviewer())
    response = client.get(f"/admin/applications/application/{application.pk}/history/")
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.target_id) == ("application.history", str(application.pk))


def test_outbox_shows_no_status_link_and_each_view_is_logged(client, application):
    from applications.models import OutboxMessage

    message = OutboxMessage.objects.filter(application=application, kind="acknowledgement").get()
    assert "/apply/status/" not in message.body  # stored without the live link
    verified_login(client, reviewer())
    listing = client.get("/admin/applications/outboxmessage/")
    detail = client.get(f"/admin/applications/outboxmessage/{message.pk}/change/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "/apply/status/" not in html and "[[status-link]]" not in html
    assert "状態確認用リンク" in html
    assert [e.action for e in AccessLogEntry.objects.order_by("pk")] == [
        "outbox.list",
        "outbox.view",
    ]
    assert listing.status_code == 200


def test_the_sent_mail_carries_a_working_status_link(application, settings):
    from django.core import mail as sent_mail

    from applications import mail
    from applications.models import OutboxMessage

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = OutboxMessage.objects.filter(application=application, kind="acknowledgement").get()
    mail.send(message)
    token = sent_mail.outbox[-1].body.split("/apply/status/", 1)[1].split("/", 1)[0]
    assert links.read_token(token) == (application.pk, application.number)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", " ="])
def test_csv_export_guards_every_text_field_whatever_formula_start_it_has(client, start):
    """The form's normalisation strips some of these; rows written otherwise (admin, imports)
    are guarded by the writer itself, in every column."""
    from applications.models import Application

    application = submit_application()
    value = f"{start}SUM(1+1)"
    Application.objects.filter(pk=application.pk).update(
        name=value, address=value, contact_department=value, listing_introduction=value
    )
    verified_login(client, reviewer())
    response = client.post(
        "/admin/applications/application/",
        {"action": "export_csv", "_selected_action": [application.pk]},
    )
    row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))[1]
    assert row.count("'" + value) == 4
    assert value not in row


def test_mail_stored_with_a_live_status_link_is_masked_by_the_migration(application, settings):
    """Rows queued before the placeholder existed; an unsent one still gets a working link."""
    import importlib

    from django.apps import apps
    from django.core import mail as sent_mail

    from applications import mail
    from applications.models import OutboxMessage

    migration = importlib.import_module(
        "applications.migrations.0003_outbox_bodies_without_status_links"
    )
    message = OutboxMessage.objects.filter(application=application, kind="acknowledgement").get()
    live = links.status_url(application)
    message.body = message.body.replace(mail.STATUS_LINK_MARK, live)
    message.save(update_fields=["body"])
    migration.mask_status_links(apps, None)
    message.refresh_from_db()
    assert "/apply/status/" not in message.body and mail.STATUS_LINK_MARK in message.body
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail.send(message)
    token = sent_mail.outbox[-1].body.split("/apply/status/", 1)[1].split("/", 1)[0]
    assert links.read_token(token) == (application.pk, application.number)
