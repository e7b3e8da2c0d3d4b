"""Event image validation: the same rules as supporters' logos (real PNG/JPEG/GIF/WebP content,
no SVG, at most 5 MB and 25 megapixels), with messages that speak of an event image."""

from django.core.exceptions import ValidationError

from supporters.logos import validate_logo


def validate_event_image(upload):
    try:
        validate_logo(upload)
    except ValidationError as error:
        raise ValidationError(
            [message.replace("ロゴ画像", "画像") for message in error.messages]
        ) from None
