"""CSV import: a dry run first, every bad row reported, nothing half-imported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from core.publishing import PublicationStatus
from supporters.importer import ImportFailed, import_supporters
from supporters.models import Supporter
from tests.factories import content_editor

from .factories import SupporterFactory

pytestmark = pytest.mark.django_db

HEADER = "名称,ふりがな,種別,都道府県,市区町村,取組分野,ウェブサイト,法人番号,参加日\r\n"
GOOD = (
    HEADER
    + "株式会社みちのく,みちのく,企業,宮城県,仙台市,学びの場の提供;起業支援・起業家育成,https://www.example.com/,,2021-03-01\r\n"
    + "ヤマガタ協議会,ヤマガタキョウギカイ,団体,山形,,地域課題の解決,,,2022/4/1\r\n"
    + "全国つなぐ会,ぜんこくつなぐかい,団体,,,その他,,,\r\n"
)
BAD = (
    HEADER
    + "株式会社みちのく,みちのく,企業,宮城県,仙台市,学びの場の提供,,,\r\n"
    + "漢字だけの会,漢字,団体,宮城県,,,,,\r\n"
    + "種別違い,しゅべつちがい,会社,宮城県,,,,,\r\n"
    + "県違い,けんちがい,企業,ムー県,,,,,\r\n"
    + "分野違い,ぶんやちがい,企業,宮城県,,宇宙開発,,,\r\n"
    + "番号違い,ばんごうちがい,企業,宮城県,,,,1234567890124,\r\n"
    + "日付違い,ひづけちがい,企業,宮城県,,,,,2021-02-30\r\n"
    + ",なまえなし,企業,宮城県,,,ウェブサイト,,\r\n"
)


def test_good_file_imports_as_drafts_with_normalised_values():
    report = import_supporters(GOOD.encode("utf-8-sig"), dry_run=False)
    assert report.ok and report.created == 3 and report.rows == 3
    michinoku = Supporter.objects.get(name="株式会社みちのく")
    assert michinoku.status == PublicationStatus.DRAFT
    assert michinoku.group == "miyagi" and michinoku.slug == "michinoku"
    assert set(michinoku.categories.values_list("code", flat=True)) == {"learning", "startups"}
    yamagata = Supporter.objects.get(name="ヤマガタ協議会")
    assert yamagata.prefecture == "06" and str(yamagata.joined_on) == "2022-04-01"
    assert Supporter.objects.get(name="全国つなぐ会").group == "other"


def test_bad_rows_are_all_reported_and_nothing_is_imported():
    SupporterFactory(name="既存のサポーター")
    before = list(Supporter.objects.values_list("pk", "updated_at"))
    report = import_supporters(BAD.encode("utf-8"), dry_run=False)
    assert not report.ok
    assert report.created == report.updated == 0
    assert list(Supporter.objects.values_list("pk", "updated_at")) == before
    problems = {(p.line, p.column) for p in report.problems}
    assert (3, "ふりがな") in problems
    assert (4, "種別") in problems
    assert (5, "都道府県") in problems
    assert (6, "取組分野") in problems
    assert (7, "法人番号") in problems
    assert (8, "参加日") in problems
    assert (9, "名称") in problems and (9, "ウェブサイト") in problems
    assert not any(p.line == 2 for p in report.problems)
    messages = "\n".join(str(p) for p in report.problems)
    assert "3行目「ふりがな」: ふりがなは、ひらがな又はカタカナで入力してください。" in messages
    assert len([p for p in report.problems if p.line == 4]) == 1  # one message per bad value
    assert "取組分野「宇宙開発」はありません" in messages
    assert "取り込みませんでした" in report.summary


def test_dry_run_reports_without_saving():
    report = import_supporters(GOOD.encode("utf-8"), dry_run=True)
    assert report.ok and report.created == 3
    assert "確認のみ" in report.summary
    assert not Supporter.objects.exists()


def test_existing_supporters_are_updated_by_slug_or_name():
    existing = SupporterFactory(name="株式会社みちのく", reading="みちのく", slug="michinoku-old")
    report = import_supporters(GOOD, dry_run=False)
    assert (report.created, report.updated) == (2, 1)
    existing.refresh_from_db()
    assert existing.slug == "michinoku-old" and existing.website == "https://www.example.com/"
    assert existing.history.first().history_change_reason == "CSV 取込"


def test_shift_jis_files_from_excel_are_accepted():
    report = import_supporters(GOOD.encode("cp932"), dry_run=True)
    assert report.ok and report.created == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "空です"),
        ("名称,ふりがな\r\nあ,あ\r\n".encode(), "必須の列がありません（種別）"),
        ("名称,ふりがな,種別,備考\r\n".encode(), "使えない列名があります（備考）"),
        (b"\xff\xfe\x00\x00garbage\x81", "文字コードを判定できませんでした"),
    ],
)
def test_unreadable_files_fail_as_a_whole(content, message):
    with pytest.raises(ImportFailed, match=message):
        import_supporters(content, dry_run=True)


def test_duplicate_slugs_in_one_file_are_reported():
    text = "識別子,名称,ふりがな,種別\r\nsame,一,いち,企業\r\nsame,二,に,企業\r\n"
    report = import_supporters(text, dry_run=True)
    assert [str(p) for p in report.problems] == ["3行目「識別子」: 2行目と同じ識別子です。"]


def test_command_dry_run_and_failure(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD.encode("utf-8-sig"))
    call_command("import_supporters", str(good), "--dry-run")
    assert "確認のみ" in capsys.readouterr().out
    assert not Supporter.objects.exists()
    call_command("import_supporters", str(good), "--publish")
    assert Supporter.objects.published().count() == 3

    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD.encode("utf-8"))
    with pytest.raises(CommandError, match="取り込みませんでした"):
        call_command("import_supporters", str(bad))
    assert "4行目「種別」" in capsys.readouterr().err
    assert Supporter.objects.count() == 3


def test_admin_import_checks_first_then_imports_on_confirmation(client):
    client.force_login(content_editor())
    url = "/admin/supporters/supporter/import/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"file": SimpleUploadedFile("list.csv", GOOD.encode("utf-8-sig")), "publish": "on"}
    )
    html = response.content.decode()
    assert "確認のみ" in html and "新規 3件" in html
    assert not Supporter.objects.exists()
    token = response.context["token"]
    response = client.post(url, {"confirm": "1", "token": token})
    assert response.status_code == 302
    assert Supporter.objects.published().count() == 3
    # The confirmation cannot be replayed.
    response = client.post(url, {"confirm": "1", "token": token}, follow=True)
    assert "有効期限が切れました" in response.content.decode()
    assert Supporter.objects.count() == 3


def test_admin_import_lists_every_bad_row_and_offers_no_confirmation(client):
    client.force_login(content_editor())
    response = client.post(
        "/admin/supporters/supporter/import/",
        {"file": SimpleUploadedFile("bad.csv", BAD.encode("utf-8"))},
    )
    html = response.content.decode()
    assert "問題のある行（" in html
    for line in range(3, 10):
        assert f"<td>{line}行目</td>" in html
    assert 'name="confirm"' not in html
    assert not Supporter.objects.exists()
