import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.attachments import size_label, validate_attachment

from .factories import PageAttachmentFactory


@pytest.mark.parametrize(
    ("size", "label"),
    [(1_258_291, "1.2MB"), (358_400, "350KB"), (200, "1KB"), (5 * 1024 * 1024, "5.0MB")],
)
def test_size_labels_read_as_on_government_sites(size, label):
    assert size_label(size) == label


@pytest.mark.django_db
def test_page_lists_attachments_with_type_and_size(client):
    attachment = PageAttachmentFactory(title="チラシ")
    html = client.get(attachment.page.get_absolute_url()).content.decode()
    assert "チラシ（PDF 1.2MB）" in html
    assert f'href="{attachment.file.url}"' in html


def test_attachment_with_a_foreign_type_is_refused():
    upload = SimpleUploadedFile("script.html", b"<script></script>")
    with pytest.raises(ValidationError, match="添付できるファイルの種類"):
        validate_attachment(upload)


def test_attachment_whose_content_does_not_match_its_extension_is_refused():
    upload = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="内容が拡張子と一致しません"):
        validate_attachment(upload)


def test_word_and_excel_files_are_accepted():
    validate_attachment(SimpleUploadedFile("form.docx", b"PK\x03\x04rest"))
    validate_attachment(SimpleUploadedFile("list.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"))
