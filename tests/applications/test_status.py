"""The applicant's status page: correction after 差戻し (new version and PDFs, the old kept) and
withdrawal."""

import re

import pytest

from applications import links, pdf, review, worker
from applications.models import Application, ApplicationStatus
from tests.factories import reviewer

from .factories import submit_application

pytestmark = pytest.mark.django_db


def test_correction_after_return_creates_a_new_version_with_new_pdfs(client):
    application = submit_application()
    worker.run_once()
    first_pdf = application.versions.get().application_pdf.name
    review.return_for_correction(application, reviewer(), "番地を正しく入力してください。")
    status_path = links.status_path(application)
    html = client.get(status_path).content.decode()
    assert "差戻し" in html and "番地を正しく入力してください。" in html

    response = client.get(f"{status_path}correct/")
    assert response["Location"] == "/apply/"
    form_html = client.get("/apply/").content.decode()
    assert "株式会社とうほく未来" in form_html  # prefilled
    assert f"受付番号 {application.number} の申込み内容を修正しています" in form_html

    data = {
        key: value
        for key, value in re.findall(r'name="(\w+)" value="([^"]*)"', form_html)
        if key not in ("csrfmiddlewaretoken",)
    }
    from .factories import answers

    corrected = answers(address="本町三丁目3番1号 仙台合同庁舎B棟")
    assert client.post("/apply/", corrected).status_code == 302
    confirm = client.get("/apply/confirm/").content.decode()
    assert f"受付番号 {application.number} の修正版" in confirm
    payload = re.search(r'name="payload" value="([^"]+)"', confirm).group(1)
    client.post("/apply/confirm/", {"payload": payload, "submit": "1"})
    worker.run_once()
    assert Application.objects.count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    assert application.address == "本町三丁目3番1号 仙台合同庁舎B棟"
    versions = list(application.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].application_pdf.name == first_pdf
    assert versions[0].application_pdf.storage.exists(first_pdf)
    assert versions[1].has_pdfs and versions[1].application_pdf.name != first_pdf
    assert application.number in client.get("/apply/complete/").content.decode()
    assert data  # the prefilled form carried values


def test_correction_is_only_offered_after_return(client):
    application = submit_application()
    status_path = links.status_path(application)
    assert "申込み内容を修正する" not in client.get(status_path).content.decode()
    response = client.get(f"{status_path}correct/")
    assert response["Location"] == status_path


def test_a_stale_correction_cannot_be_submitted_twice(client):
    application = submit_application()
    review.return_for_correction(application, reviewer(), "修正してください。")
    status_path = links.status_path(application)
    client.get(f"{status_path}correct/")
    from .factories import answers

    client.post("/apply/", answers())
    payload = re.search(
        r'name="payload" value="([^"]+)"', client.get("/apply/confirm/").content.decode()
    ).group(1)
    client.post("/apply/confirm/", {"payload": payload, "submit": "1"})
    client.post("/apply/confirm/", {"payload": payload, "submit": "1"})
    assert application.versions.count() == 2


def test_the_applicant_can_withdraw(client):
    application = submit_application()
    pdf.generate(application.versions.get())
    status_path = links.status_path(application)
    client.post(f"{status_path}withdraw/", {})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED  # not without the confirmation
    client.post(f"{status_path}withdraw/", {"confirm": "yes"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.logs.last().action == "application.withdrawn"
    assert application.logs.last().actor is None
