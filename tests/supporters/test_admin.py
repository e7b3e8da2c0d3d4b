"""Admin for コンテンツ編集者: filters, search, bulk publish/unpublish, history."""

import pytest

from core.publishing import PublicationStatus
from supporters.models import Supporter
from tests.accounts.factories import verified_login
from tests.factories import content_editor, reviewer

from .factories import SupporterFactory, image_upload

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/supporters/supporter/"


@pytest.fixture
def editor_client(client):
    client.force_login(content_editor())
    return client


def test_content_editor_uses_the_list_with_filters(editor_client):
    SupporterFactory(name="宮城の企業", prefecture="04", categories=["learning"])
    SupporterFactory(name="青森の団体", prefecture="02", kind=Supporter.Kind.ORGANISATION)
    html = editor_client.get(CHANGELIST).content.decode()
    for heading in ["地域区分", "種別", "取組分野", "公開状態"]:
        assert heading in html
    filtered = editor_client.get(CHANGELIST, {"group": "aomori"}).content.decode()
    assert "青森の団体" in filtered and "宮城の企業" not in filtered
    by_category = editor_client.get(
        CHANGELIST,
        {"categories__id__exact": Supporter.objects.get(name="宮城の企業").categories.get().pk},
    ).content.decode()
    assert "宮城の企業" in by_category and "青森の団体" not in by_category


def test_admin_search_ignores_kana_and_width_differences(editor_client):
    SupporterFactory(name="とうほく未来", reading="とうほくみらい")
    SupporterFactory(name="ABC商会", reading="えーびーしーしょうかい")
    SupporterFactory(name="別の会社", reading="べつのかいしゃ", prefecture="02")
    html = editor_client.get(CHANGELIST, {"q": "トウホク"}).content.decode()
    assert "とうほく未来" in html and "別の会社" not in html
    html = editor_client.get(CHANGELIST, {"q": "ＡＢＣ"}).content.decode()
    assert "ABC商会" in html and "別の会社" not in html
    # the list filters still apply to normalised matches
    html = editor_client.get(CHANGELIST, {"q": "トウホク", "group": "aomori"}).content.decode()
    assert "とうほく未来" not in html


def test_bulk_publish_and_unpublish_are_recorded_in_history(editor_client):
    drafts = [SupporterFactory(status=PublicationStatus.DRAFT) for _ in range(2)]
    ids = [s.pk for s in drafts]
    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": ids}, follow=True
    )
    assert "2件を公開しました" in response.content.decode()
    assert Supporter.objects.published().count() == 2
    editor_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": ids[:1]})
    assert Supporter.objects.published().count() == 1
    latest = Supporter.objects.get(pk=ids[0]).history.first()
    assert latest.history_change_reason == "一括操作: 下書きに"
    assert editor_client.get(f"{CHANGELIST}{ids[0]}/history/").status_code == 200


def test_editor_adds_a_supporter_with_a_logo_and_gets_renditions(editor_client):
    response = editor_client.post(
        f"{CHANGELIST}add/",
        {
            "name": "株式会社あおば", "reading": "アオバ", "slug": "", "kind": "company",
            "prefecture": "04", "municipality": "仙台市", "introduction": "紹介",
            "categories": [], "website": "https://www.example.com/", "logo": image_upload(),
            "corporate_number": "", "joined_on": "", "status": "published",
            "publish_from_0": "", "publish_from_1": "", "publish_until_0": "", "publish_until_1": "",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    supporter = Supporter.objects.get(name="株式会社あおば")
    assert supporter.slug == "aoba" and supporter.group == "miyagi"
    assert supporter.logo_small and supporter.logo_large
    change = editor_client.get(f"{CHANGELIST}{supporter.pk}/change/").content.decode()
    assert supporter.logo_large.url in change


def test_import_page_is_linked_and_closed_to_other_staff(editor_client, client):
    assert "/admin/supporters/supporter/import/" in editor_client.get(CHANGELIST).content.decode()
    verified_login(client, reviewer())
    assert client.get("/admin/supporters/supporter/import/").status_code == 403


def individual(**fields):
    return SupporterFactory(
        **{
            "kind": Supporter.Kind.INDIVIDUAL,
            "municipality": "非公開市",
            "website": "https://private.example.jp/",
            "publish_municipality": False,
            "publish_website": False,
            **fields,
        }
    )


def test_editor_does_not_see_what_an_individual_did_not_agree_to_publish(editor_client):
    supporter = individual(introduction="紹介文は見える")
    response = editor_client.get(f"{CHANGELIST}{supporter.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200 and "紹介文は見える" in html  # the editor has the form
    assert "非公開市" not in html and "private.example.jp" not in html
    response = editor_client.get(f"{CHANGELIST}{supporter.pk}/history/")
    assert response.status_code == 200 and supporter.name in response.content.decode()
    assert "非公開市" not in response.content.decode()


def test_editor_sees_an_individuals_municipality_once_agreed(editor_client):
    supporter = individual()
    supporter.publish_municipality = True
    supporter.save()
    html = editor_client.get(f"{CHANGELIST}{supporter.pk}/change/").content.decode()
    assert "非公開市" in html and "private.example.jp" not in html


def test_superuser_sees_an_individuals_withheld_fields(client):
    from tests.accounts.factories import superuser

    supporter = individual()
    verified_login(client, superuser())
    html = client.get(f"{CHANGELIST}{supporter.pk}/change/").content.decode()
    assert "非公開市" in html and "private.example.jp" in html


def test_editor_sees_no_changes_of_withheld_fields_in_history(editor_client, client):
    from tests.accounts.factories import superuser

    supporter = individual()
    supporter.municipality = "転居先市"
    supporter.website = "https://moved.example.jp/"
    supporter.introduction = "新しい紹介"
    supporter.save()
    url = f"{CHANGELIST}{supporter.pk}/history/"
    history = editor_client.get(url).content.decode()
    assert "新しい紹介" in history  # the other changes are listed
    for withheld in ["非公開市", "転居先市", "private.example.jp", "moved.example.jp"]:
        assert withheld not in history
    verified_login(client, superuser())
    assert "転居先市" in client.get(url).content.decode()


def test_editor_sees_no_receipt_number_in_approval_entries_written_before(editor_client):
    """Entries that approval wrote with the 受付番号 stay in the database for superusers."""
    supporter = individual()
    supporter.history.update(history_change_reason="申込み NTM-2026-0007 の承認")
    history = editor_client.get(f"{CHANGELIST}{supporter.pk}/history/").content.decode()
    assert "申込みの承認により登録・更新" in history and "NTM-2026-0007" not in history


def test_a_past_version_hides_what_the_individual_no_longer_agrees_to_publish(editor_client):
    supporter = individual()
    supporter.publish_municipality = True
    supporter.save()
    consented = supporter.history.first()
    supporter.publish_municipality = False
    supporter.save()
    url = f"{CHANGELIST}{supporter.pk}/history/{consented.history_id}/"
    response = editor_client.get(url)
    assert response.status_code == 200 and supporter.name in response.content.decode()
    assert "非公開市" not in response.content.decode()


def test_editor_cannot_find_an_individual_by_a_withheld_municipality(editor_client, client):
    from tests.accounts.factories import superuser

    individual(name="同意していない人")
    individual(name="同意した人", municipality="同意市", publish_municipality=True)
    SupporterFactory(name="非公開市の会社", municipality="非公開市")
    html = editor_client.get(CHANGELIST, {"q": "非公開市"}).content.decode()
    assert "非公開市の会社" in html and "同意していない人" not in html
    assert "同意した人" in editor_client.get(CHANGELIST, {"q": "同意市"}).content.decode()
    verified_login(client, superuser())
    assert "同意していない人" in client.get(CHANGELIST, {"q": "非公開市"}).content.decode()
