"""Logo upload validation with Pillow: real image content, no SVG, bounded size and pixels."""

import warnings

from django.core.exceptions import ValidationError
from PIL import Image

MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000
ALLOWED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}


def validate_logo(upload):
    """Refuse anything that is not a PNG, JPEG, GIF or WebP image of at most 5 MB and 25
    megapixels. The pixel count is read from the header, before anything is decoded."""
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError("ロゴ画像の大きさは 5MB 以下にしてください。")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise ValidationError(
                        "ロゴ画像の画素数が大きすぎます（2,500万画素以下にしてください）。"
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "ロゴ画像の画素数が大きすぎます（2,500万画素以下にしてください）。"
        ) from None
    except Exception:  # Pillow raises many kinds of errors for content that is not an image
        raise ValidationError(
            "画像として読み込めませんでした。PNG・JPEG・GIF・WebP 形式の画像を選択してください"
            "（SVG は使えません）。"
        ) from None
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "使用できる画像形式は PNG・JPEG・GIF・WebP です（SVG は使えません）。"
        )
