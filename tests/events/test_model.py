"""Validation and the calendar revision number."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import validate_image
from events.models import Event

from .factories import EventFactory, VenueEventFactory, jst

pytestmark = pytest.mark.django_db


def errors_of(event):
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    return raised.value.message_dict


def test_end_must_follow_start_and_a_venue_needs_a_name():
    event = EventFactory.build(
        starts_at=jst(2026, 12, 5, 14), ends_at=jst(2026, 12, 5, 14), format=Event.Format.VENUE
    )
    errors = errors_of(event)
    assert errors["ends_at"] == ["終了日時は開始日時より後にしてください。"]
    assert errors["venue_name"] == ["会場で開催する場合は会場名を入力してください。"]


def test_all_day_event_may_end_on_its_first_day():
    event = EventFactory.build(starts_at=jst(2026, 12, 5), ends_at=jst(2026, 12, 5), all_day=True)
    event.full_clean()


def test_reserved_slugs_are_refused():
    assert "slug" in errors_of(EventFactory.build(slug="past"))


def test_image_needs_alternative_text():
    event = EventFactory.build(image=png())
    assert errors_of(event)["image_alt"] == ["画像を登録する場合は代替テキストを入力してください。"]


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("image.png", buffer.getvalue(), content_type="image/png")


def test_event_image_validation_uses_the_logo_rules_with_its_own_wording():
    validate_image(png())
    svg = SimpleUploadedFile("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    with pytest.raises(ValidationError) as raised:
        validate_image(svg)
    assert "SVG 形式の画像は使えません" in raised.value.messages[0]
    assert "ロゴ" not in raised.value.messages[0]


def test_image_is_shown_with_its_size_and_alt(client):
    event = VenueEventFactory(image=png(), image_alt="会場の外観")
    assert (event.image_width, event.image_height) == (40, 20)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'alt="会場の外観" width="40" height="20"' in html


def test_sequence_grows_with_each_calendar_change_only():
    event = EventFactory()
    assert event.sequence == 0
    event.title = "新しい名前"
    event.save()
    event.venue_name = "新しい会場"
    event.save()
    assert event.sequence == 2
    event.audience = "どなたでも"
    event.save()
    assert Event.objects.get(pk=event.pk).sequence == 2


def test_group_follows_the_prefecture():
    assert VenueEventFactory(prefecture="02").group == "aomori"
    assert VenueEventFactory(prefecture="13").group == "other"
    assert EventFactory(prefecture="").group == "other"


def test_body_is_sanitised_on_save():
    event = EventFactory(body='<p onclick="x()">本文</p><script>alert(1)</script>')
    assert event.body == "<p>本文</p>"


def test_published_event_image_has_no_exif_and_no_trailing_bytes():
    from tests.core.test_images import jpeg_with_gps_and_a_tail

    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps_and_a_tail())
    event = VenueEventFactory(image=upload, image_alt="会場の外観")
    stored = open(event.image.path, "rb").read()
    assert b"<script>" not in stored
    with Image.open(event.image.path) as image:
        assert not image.getexif() and (event.image_width, event.image_height) == (600, 300)
