"""Logo uploads: refused with a clear Japanese message unless they are real, small images;
renditions are made once when saved."""

import io
import os
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import validate_logo
from supporters.forms import SupporterAdminForm
from supporters.models import Supporter
from tests.supporters.factories import SupporterFactory, image_bytes, image_upload

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height):
    """A PNG that claims ``width`` × ``height`` pixels: what a decompression bomb looks like
    before it is decoded (a tiny file, an enormous image)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def six_megabyte_png():
    noise = Image.frombytes("RGB", (1500, 1400), os.urandom(1500 * 1400 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG", compress_level=0)
    data = buffer.getvalue()
    assert len(data) > 6 * 1000 * 1000
    return data


REFUSED = [
    ("text renamed .png", "notes.png", b"This is a text file, not a picture.\n" * 20, "画像として読み込めませんでした"),
    ("SVG", "logo.svg", SVG, "SVG 形式の画像は使えません"),
    ("SVG renamed .png", "logo.png", SVG, "SVG 形式の画像は使えません"),
    ("6 MB image", "big.png", None, "5MB 以下にしてください"),
    ("decompression bomb", "bomb.png", png_header_only(30_000, 30_000), "画素数が大きすぎます"),
    ("30 megapixels", "wide.png", png_header_only(6_000, 5_000), "画素数が大きすぎます"),
    ("BMP", "logo.bmp", image_bytes(image_format="BMP"), "拡張子は .png"),
    ("BMP renamed .png", "logo.png", image_bytes(image_format="BMP"), "PNG・JPEG・GIF・WebP"),
    ("image named .html", "logo.html", image_bytes(), "拡張子は .png"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "name", "content", "message"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_bad_logos_are_refused_with_a_clear_message(label, name, content, message):
    upload = SimpleUploadedFile(name, content if content is not None else six_megabyte_png())
    with pytest.raises(ValidationError) as refused:
        validate_logo(upload)
    assert message in refused.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"plain text" * 50, "画像として読み込めませんでした"),
        ("logo.svg", SVG, "SVG 形式の画像は使えません"),
        ("bomb.png", png_header_only(30_000, 30_000), "画素数が大きすぎます"),
    ],
)
def test_admin_form_shows_the_message_on_the_logo_field(name, content, message):
    supporter = SupporterFactory()
    data = {
        "name": supporter.name, "reading": supporter.reading, "slug": supporter.slug,
        "kind": supporter.kind, "prefecture": "04", "status": "published",
    }  # fmt: skip
    form = SupporterAdminForm(data, {"logo": SimpleUploadedFile(name, content)}, instance=supporter)
    assert not form.is_valid()
    assert any(message in error for error in form.errors["logo"])


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "GIF", "WEBP"])
def test_real_images_are_accepted(image_format):
    validate_logo(SimpleUploadedFile("logo.webp", image_bytes(image_format=image_format)))


@pytest.mark.django_db
def test_renditions_are_made_once_when_saved_and_never_on_a_request(client):
    supporter = SupporterFactory(name="ロゴの会社", logo=image_upload(size=(1200, 600)))
    assert supporter.logo_small.name.endswith("-160w.webp")
    assert supporter.logo_large.name.endswith("-400w.webp")
    with (
        Image.open(supporter.logo_small.path) as small,
        Image.open(supporter.logo_large.path) as large,
    ):
        assert small.size == (160, 80) and small.format == "WEBP"
        assert large.size == (400, 200)
    assert (supporter.logo_width, supporter.logo_height) == (400, 200)
    rendered = supporter.logo_large.name

    supporter.introduction = "紹介文を変更"
    supporter.save()
    assert supporter.logo_large.name == rendered  # not made again

    saved = []
    original = Supporter._update_logo_renditions

    def spy(self):
        saved.append(self.pk)
        return original(self)

    Supporter._update_logo_renditions = spy
    try:
        detail = client.get(supporter.get_absolute_url()).content.decode()
        client.get("/supporters/miyagi/")
    finally:
        Supporter._update_logo_renditions = original
    assert saved == []
    assert (
        f'src="{supporter.logo_large.url}" alt="ロゴの会社のロゴ" width="400" height="200"'
        in detail
    )
    group = client.get("/supporters/miyagi/").content.decode()
    assert (
        f'src="{supporter.logo_small.url}" alt="ロゴの会社のロゴ" width="160" height="80"' in group
    )


@pytest.mark.django_db
def test_small_logo_is_not_enlarged_and_replaced_logo_drops_old_renditions(
    django_capture_on_commit_callbacks,
):
    supporter = SupporterFactory(logo=image_upload(size=(120, 90)))
    assert (supporter.logo_width, supporter.logo_height) == (120, 90)
    old_small = supporter.logo_small.path
    with django_capture_on_commit_callbacks(execute=True):
        supporter.logo = image_upload(name="new.png", size=(800, 800))
        supporter.save()
    assert not os.path.exists(old_small)
    assert (supporter.logo_width, supporter.logo_height) == (400, 400)
    with django_capture_on_commit_callbacks(execute=True):
        supporter.logo = ""
        supporter.save()
    assert not supporter.logo_small and not supporter.logo_large and supporter.logo_width is None


@pytest.mark.django_db
def test_transparent_logo_keeps_its_transparency():
    supporter = SupporterFactory(logo=image_upload(mode="RGBA", colour=(0, 0, 0, 0)))
    with Image.open(supporter.logo_large.path) as large:
        assert large.mode == "RGBA" and large.getpixel((0, 0))[3] == 0


@pytest.mark.django_db
def test_pages_show_renditions_never_the_uploaded_original(client):
    supporter = SupporterFactory(logo=image_upload(size=(2000, 1000)))
    group = client.get("/supporters/miyagi/").content.decode()
    detail = client.get(supporter.get_absolute_url()).content.decode()
    assert supporter.logo_small.url in group and supporter.logo_large.url in detail
    assert f'"{supporter.logo.url}"' not in group + detail


@pytest.mark.django_db
def test_stored_logo_takes_the_listing_name_and_the_extension_of_its_real_format():
    supporter = SupporterFactory(
        slug="mori", logo=image_upload(name="写真.PNG", image_format="JPEG")
    )
    assert supporter.logo.name == "supporters/logos/mori.jpg"


def jpeg_with_gps_and_a_tail():
    """A JPEG carrying EXIF with GPS coordinates and a camera owner, followed by bytes after the
    image's end (a polyglot tail)."""
    exif = Image.Exif()
    exif[0x013B] = "撮影者 山田太郎"  # Artist
    exif[0x8825] = {1: "N", 2: (38.0, 16.0, 5.0), 3: "E", 4: (140.0, 52.0, 12.0)}  # GPSInfo
    buffer = io.BytesIO()
    Image.new("RGB", (600, 300), "#1f6b45").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue() + b"<script>alert(1)</script>"


@pytest.mark.django_db
def test_published_original_has_no_exif_and_no_trailing_bytes():
    raw = jpeg_with_gps_and_a_tail()
    with Image.open(io.BytesIO(raw)) as original:  # the test image really carries them
        assert original.getexif().get_ifd(0x8825)
    supporter = SupporterFactory(logo=SimpleUploadedFile("photo.jpg", raw))
    stored = open(supporter.logo.path, "rb").read()
    assert b"<script>" not in stored and "山田".encode() not in stored
    assert stored.rstrip(b"\x00").endswith(b"\xff\xd9")  # ends where the JPEG ends
    with Image.open(supporter.logo.path) as image:
        assert image.format == "JPEG" and image.size == (600, 300)
        assert not image.getexif() and "exif" not in image.info


@pytest.mark.django_db
def test_logo_copied_from_an_application_is_cleaned_too():
    """Approval copies the applicant's private upload into the listing: through the same save."""
    from django.core.files.base import ContentFile

    supporter = SupporterFactory()
    supporter.logo = ContentFile(jpeg_with_gps_and_a_tail(), name="draft.jpg")
    supporter.save()
    stored = open(supporter.logo.path, "rb").read()
    assert b"<script>" not in stored
    with Image.open(supporter.logo.path) as image:
        assert not image.getexif()
