"""申込書 and 誓約書 PDFs: content, embedded fonts, no fetch of anything the applicant typed."""

import subprocess

import pytest

from applications import pdf, worker
from applications.models import ApplicationVersion
from tests.accounts.factories import verified_login
from tests.factories import reviewer
from tests.pdfs import fonts_of, structure_of, text_of

from .factories import submit_application

pytestmark = pytest.mark.django_db

PAYLOAD = '<img src="http://127.0.0.1:9/t.png"><link rel=stylesheet href="file:///etc/passwd">'
LONG_PAYLOAD = (
    PAYLOAD + '<style>@import url("file:///etc/passwd");</style><iframe src="https://example.com/">'
)
LONG_FIELDS = ("activity_summary", "listing_introduction")


def flat(text):
    return "".join(text.split())


@pytest.fixture
def version():
    application = submit_application(postal_code="〒９８０－８４０３", name="株式会社とうほく未来")
    return application.versions.get()


def test_application_pdf_contains_the_answers_and_wareki(version, tmp_path):
    text = text_of(pdf.render_application(version), tmp_path, "application.pdf")
    assert "サポーターズ参加申込書" in flat(text)
    assert "株式会社とうほく未来" in text
    assert "980-8403" in text
    assert "令和" in text
    assert version.application.number in text
    assert "東北経済産業局長殿" in flat(text)


def test_pledge_pdf_contains_the_pledge_wording_and_signer(version, tmp_path):
    text = flat(text_of(pdf.render_pledge(version), tmp_path, "pledge.pdf"))
    for line in version.pledge_version.text.splitlines():
        assert flat(line) in text
    assert "株式会社とうほく未来" in text
    assert "980-8403" in text
    assert "令和" in text
    assert "東北太郎" in text  # the signer


@pytest.mark.parametrize("render", [pdf.render_application, pdf.render_pledge])
def test_pdfs_embed_their_fonts(version, tmp_path, render):
    fonts = fonts_of(render(version), tmp_path, "doc.pdf")
    assert fonts, "no fonts listed"
    names = {row[0].split("+")[-1] for row in fonts}
    assert names <= {"IPAexMincho", "IPAexGothic"}, names
    for row in fonts:
        emb = row[-5]  # name type… encoding emb sub uni object ID
        assert emb == "yes", row


@pytest.mark.parametrize(
    "field", ["name", "address", "activity_summary", "listing_introduction", "pledge_signer"]
)
def test_markup_in_any_field_is_printed_as_text_and_nothing_is_fetched(tmp_path, field):
    application = submit_application(**{field: LONG_PAYLOAD if field in LONG_FIELDS else PAYLOAD})
    version = application.versions.get()
    fetcher = pdf.StaticOnlyFetcher()
    text = flat(text_of(pdf.render_application(version, fetcher), tmp_path, "a.pdf"))
    if field not in LONG_FIELDS:
        text += flat(text_of(pdf.render_pledge(version, fetcher), tmp_path, "p.pdf"))
    assert flat('<img src="http://127.0.0.1:9/t.png">') in text
    if field in LONG_FIELDS:
        assert flat('@import url("file:///etc/passwd");') in text
    assert "file:///etc/passwd" in text
    assert fetcher.refused == []
    assert all(url.endswith("/static/core/pdf/document.css") for url in fetcher.served)
    assert fetcher.served


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/tracker.png",
        "https://example.com/x.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "https://pdf.invalid/etc/passwd",
        "https://pdf.invalid/static/../../../etc/passwd",
        "https://pdf.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://pdf.invalid/static/core/pdf/document.css?x=1",
        "https://pdf.invalid/static/applications/missing.css",
        "https://pdf.invalid/static/../manage.py",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    fetcher = pdf.StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_our_stylesheet():
    fetcher = pdf.StaticOnlyFetcher()
    response = fetcher.fetch("https://pdf.invalid/static/core/pdf/document.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_pdfs_are_generated_once_and_stored(version, client, monkeypatch):
    pdf.generate(version)
    stored = version.application_pdf.name
    assert stored.endswith("-application.pdf")
    calls = []
    monkeypatch.setattr(pdf, "_render", lambda *args, **kwargs: calls.append(args))
    verified_login(client, reviewer())
    url = f"/admin/applications/application/{version.application.pk}/documents/1/application/"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert calls == []
    assert ApplicationVersion.objects.get(pk=version.pk).application_pdf.name == stored


def test_pdfs_are_rendered_after_commit_on_submission():
    application = submit_application()
    worker.run_once()
    version = application.versions.get()
    assert version.has_pdfs
    assert version.pdf_generated_at is not None
    with version.pledge_pdf.open("rb") as handle:
        assert handle.read(4) == b"%PDF"


# Tagged PDF (PDF/UA-1): structure, language, title, text extraction.


@pytest.mark.parametrize(
    ("render", "title"),
    [
        (pdf.render_application, "NEXT TOHOKU MEETUP サポーターズ参加申込書"),
        (pdf.render_pledge, "暴力団排除に関する誓約書"),
    ],
)
def test_pdfs_are_tagged_with_structure_language_and_title(version, tmp_path, render, title):
    data = render(version)
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    structure = structure_of(data)
    assert {"/Document", "/H1", "/Table", "/TR", "/TH", "/TD", "/P"} <= structure["types"]
    # data cells point at their row headers (th scope="row")
    assert structure["cells_with_headers"] >= 3
    assert structure["lang"] == "ja"
    assert structure["display_doc_title"] is True
    assert structure["marked"] is True
    assert structure["title"].startswith(title)
    assert version.application.number in structure["title"]


def test_section_headings_extract_as_whole_words(version, tmp_path):
    text = text_of(pdf.render_application(version), tmp_path, "application.pdf")
    words = text.split()
    assert "申込者" in words
    assert "NEXT" in words
