"""Japanese text kept as typed: 旧字体 as CJK compatibility ideographs and 機種依存文字 survive the
form, 確認, the admin and the PDFs; a character the PDF fonts cannot draw is stopped at 入力."""

import subprocess
import unicodedata

import pytest

from applications import pdf
from applications.models import Application
from core import normalise
from tests.accounts.factories import verified_login
from tests.factories import reviewer

from .test_flow import payload_of, submit, to_confirm

pytestmark = pytest.mark.django_db

KAMI = "\ufa19"  # 神, a CJK compatibility ideograph; NFKC makes it U+795E
TSUKA = "\ufa10"  # 塚
NAME = f"株式会社{KAMI}田{TSUKA}本"
SIGNER = f"{KAMI}田 ①郎"


def test_nfkc_would_change_the_name_and_the_form_does_not():
    # positive control: what the form used to do
    assert unicodedata.normalize("NFKC", NAME) != NAME
    assert normalise.text(NAME) == NAME
    assert normalise.text("①㈱㍻Ⅲ") == "①㈱㍻Ⅲ"
    # width forms are still folded
    assert normalise.text("ＡＢＣ（株）　ｶﾞｯｺｳ") == "ABC(株) ガッコウ"
    assert normalise.text("か\u3099") == "が"  # decomposed kana are composed


def pdf_text(data, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_name_with_a_compatibility_ideograph_reaches_confirm_admin_and_pdfs_unchanged(
    client, django_capture_on_commit_callbacks, tmp_path
):
    confirm = to_confirm(client, name=NAME, listing_name=NAME, pledge_signer=SIGNER)
    html = confirm.content.decode()
    assert NAME in html
    assert SIGNER in html  # ① kept, so there is no change to list
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, payload_of(confirm)).status_code == 302
    application = Application.objects.get()
    assert application.name == NAME
    version = application.versions.get()
    assert version.data["pledge_signer"] == SIGNER

    staff = client.__class__()
    verified_login(staff, reviewer())
    admin = staff.get(f"/admin/applications/application/{application.pk}/change/")
    assert admin.status_code == 200
    assert NAME in admin.content.decode()

    application_text = pdf_text(pdf.render_application(version), tmp_path)
    pledge_text = pdf_text(pdf.render_pledge(version), tmp_path)
    assert NAME in application_text
    assert NAME in pledge_text
    assert f"{KAMI}田" in pledge_text and "①郎" in pledge_text
    assert unicodedata.normalize("NFKC", NAME) not in application_text


@pytest.mark.parametrize(
    ("field", "typed", "named"),
    [
        ("name", "株式会社\U00020bb7野家", "「\U00020bb7」"),  # 𠮷 (つちよし) is not in IPAex
        ("representative_name", "東北 太郎😀", "「😀」"),
        ("address", "本町\u845b\U000e0103", "「\u845b\U000e0103」"),  # an IVS IPAex lacks
    ],
)
def test_a_character_the_pdf_font_cannot_draw_is_named_at_input(client, field, typed, named):
    from .factories import answers

    response = client.post("/apply/", answers(**{field: typed}))
    assert response.status_code == 200
    html = response.content.decode()
    assert named in html
    assert "申込書（PDF）に印字できない文字です" in html
    # positive control: the same field with a drawable name passes
    assert client.post("/apply/", answers(**{field: "東北 太郎"})).status_code == 302
