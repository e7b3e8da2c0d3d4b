import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core.roles import APPLICATION_REVIEWERS, CONTENT_EDITORS
from pages.models import Page, Topic
from tests.factories import content_editor

from .factories import PageFactory

pytestmark = pytest.mark.django_db


def test_staff_roles_exist_as_groups():
    editors = Group.objects.get(name=CONTENT_EDITORS)
    assert editors.permissions.filter(codename="change_page").exists()
    assert editors.permissions.filter(codename="add_topic").exists()
    assert Group.objects.filter(name=APPLICATION_REVIEWERS).exists()


def test_admin_is_in_japanese_with_the_portal_title(client):
    client.force_login(content_editor())
    html = client.get("/admin/").content.decode()
    assert "NEXT TOHOKU MEETUP 管理" in html
    assert "ページ" in html and "トピックス" in html


def test_content_editor_edits_a_page_and_the_history_records_who_and_what(client):
    editor = content_editor(username="yokota")
    page = PageFactory(title="旧タイトル", slug="history-test")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/page/{page.pk}/change/",
        {
            "title": "新タイトル",
            "slug": "history-test",
            "summary": "",
            "body": "<p>更新した本文</p><script>x()</script>",
            "status": "published",
            "menu_order": 100,
            "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.title == "新タイトル" and "<script" not in page.body
    latest = page.history.first()
    assert latest.history_user == editor
    assert latest.history_date is not None
    delta = latest.diff_against(latest.prev_record)
    assert "title" in delta.changed_fields
    history_html = client.get(f"/admin/pages/page/{page.pk}/history/").content.decode()
    assert "yokota" in history_html


def test_bulk_unpublish_action_records_history(client):
    editor = content_editor()
    pages = PageFactory.create_batch(2)
    client.force_login(editor)
    client.post(
        "/admin/pages/page/",
        {"action": "unpublish", "_selected_action": [p.pk for p in pages]},
    )
    assert set(
        Page.objects.filter(pk__in=[p.pk for p in pages]).values_list("status", flat=True)
    ) == {"draft"}
    assert pages[0].history.first().history_user == editor


def test_page_admin_links_to_the_preview_of_a_draft(client):
    page = PageFactory(status="draft", slug="preview-me")
    client.force_login(content_editor())
    html = client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert "/preview-me/" in html


def test_site_settings_open_as_one_form(client):
    client.force_login(content_editor())
    response = client.get("/admin/pages/sitesettings/")
    assert response.status_code == 302
    assert response["Location"].endswith("/admin/pages/sitesettings/1/change/")


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (
        Page.objects.count(),
        Topic.objects.count(),
        Page.history.count(),
        Topic.history.count(),
    )
    stamps = list(Page.objects.order_by("pk").values_list("updated_at", flat=True))
    call_command("seed_demo", verbosity=0)
    assert (
        Page.objects.count(),
        Topic.objects.count(),
        Page.history.count(),
        Topic.history.count(),
    ) == counts
    assert list(Page.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert (
        Page.objects.filter(path__in=["about", "about/maps-o", "about/logo", "contact"]).count()
        == 4
    )


def test_seed_demo_accepts_volume_flags():
    call_command("seed_demo", "--supporters", "0", "--events", "0", verbosity=0)
    assert Page.objects.filter(path="about").exists()


@pytest.mark.django_db(transaction=True)
def test_roles_and_their_permissions_survive_a_flush():
    """Transactional tests (and a `flush`) empty every table; post_migrate restores the roles."""
    call_command("flush", interactive=False, verbosity=0)
    editors = Group.objects.get(name=CONTENT_EDITORS)
    for codename in ["change_page", "add_topic", "change_supporter", "change_event"]:
        assert editors.permissions.filter(codename=codename).exists(), codename
    assert Group.objects.filter(name=APPLICATION_REVIEWERS).exists()
