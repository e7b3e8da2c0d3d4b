"""Image uploads (supporters' logos, event images): validation, clean copies and renditions,
all with Pillow.

Validation: real image content (PNG, JPEG, GIF or WebP), no SVG, at most 5 MB and 25 megapixels,
with messages that name what the image is for (「ロゴ画像」, 「画像」). Clean copies and renditions are
made once when the owning object is saved, never on a request.
"""

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
ALLOWED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}
# The extension a stored image gets, from the format Pillow found in its content.
EXTENSION_OF_FORMAT = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}
ALLOWED_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
ACCEPT_ATTRIBUTE = "image/png,image/jpeg,image/gif,image/webp"

# Widths of the renditions shown on the pages: list thumbnails and the detail page.
RENDITION_WIDTHS = {"small": 160, "large": 400}
RENDITION_FORMAT = "WEBP"

# Messages; ``{noun}`` is what the image is for.
TOO_LARGE = "{noun}の大きさは 5MB 以下にしてください。"
TOO_MANY_PIXELS = "{noun}の画素数が大きすぎます（2,500万画素以下にしてください）。"
SVG_REFUSED = "SVG 形式の画像は使えません。PNG・JPEG・GIF・WebP 形式の画像を選択してください。"
NOT_AN_IMAGE = (
    "画像として読み込めませんでした。PNG・JPEG・GIF・WebP 形式の画像を選択してください"
    "（SVG は使えません）。"
)
WRONG_FORMAT = "使用できる画像形式は PNG・JPEG・GIF・WebP です（SVG は使えません）。"
WRONG_EXTENSION = "ファイル名の拡張子は .png・.jpg・.jpeg・.gif・.webp のいずれかにしてください。"


def _looks_like_svg(upload) -> bool:
    if Path(getattr(upload, "name", "") or "").suffix.lower() in {".svg", ".svgz"}:
        return True
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if isinstance(head, str):
        head = head.encode()
    return b"<svg" in head.lower()


@deconstructible
class ImageValidator:
    """Refuses anything that is not a PNG, JPEG, GIF or WebP image of at most 5 MB and 25
    megapixels. The pixel count is read from the header, before anything is decoded. A file
    already in storage (validated when it was uploaded) is not read again."""

    def __init__(self, noun="画像"):
        self.noun = noun

    def __eq__(self, other):
        return isinstance(other, ImageValidator) and self.noun == other.noun

    def __call__(self, upload):
        if getattr(upload, "_committed", False):  # a stored FieldFile, not a new upload
            return
        if upload.size > MAX_IMAGE_BYTES:
            self.refuse(TOO_LARGE, "too_large")
        if _looks_like_svg(upload):
            self.refuse(SVG_REFUSED, "svg")
        # The extension decides the Content-Type the file is later served with: an image that is
        # also valid HTML must never be stored as .html.
        if Path(getattr(upload, "name", "") or "").suffix.lower() not in ALLOWED_EXTENSIONS:
            self.refuse(WRONG_EXTENSION, "extension")
        upload.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(upload) as image:
                    image_format = image.format
                    width, height = image.size
                    if width * height > MAX_IMAGE_PIXELS:
                        self.refuse(TOO_MANY_PIXELS, "too_many_pixels")
                    image.verify()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            self.refuse(TOO_MANY_PIXELS, "too_many_pixels")
        except Exception:  # Pillow raises many kinds of errors for content that is not an image
            self.refuse(NOT_AN_IMAGE, "not_an_image")
        finally:
            upload.seek(0)
        if image_format not in ALLOWED_FORMATS:
            self.refuse(WRONG_FORMAT, "format")

    def refuse(self, message, code):
        raise ValidationError(message.format(noun=self.noun), code=f"image_{code}") from None


validate_logo = ImageValidator("ロゴ画像")
validate_image = ImageValidator("画像")


def stored_extension(file) -> str:
    """「.png」 etc. for the format Pillow finds in ``file``'s content; ValueError otherwise."""
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format = image.format
    finally:
        file.seek(0)
    if image_format not in EXTENSION_OF_FORMAT:
        raise ValueError(f"not a PNG, JPEG, GIF or WebP image: {image_format}")
    return EXTENSION_OF_FORMAT[image_format]


def _upright_pixels(file):
    """(format, the first frame with EXIF orientation applied, as RGB or RGBA) of a file
    holding a validated image; refuses over-large pixel counts. Leaves ``file`` at its start."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as source:
                if source.width * source.height > MAX_IMAGE_PIXELS:
                    raise ValueError("image exceeds the pixel limit")
                image_format = source.format
                source.seek(0)
                image = ImageOps.exif_transpose(source)
                image.load()
    finally:
        file.seek(0)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return image_format, image.convert("RGBA" if has_alpha else "RGB")


# Published originals are re-encoded: PNG and GIF as PNG (a GIF's first frame), JPEG as JPEG,
# WebP as WebP. Only pixels survive: no EXIF (GPS, camera, owner), XMP, comments, or bytes after
# the image's end (a "polyglot" tail that another program could read as HTML or a script).
CLEAN_FORMAT = {"PNG": "PNG", "GIF": "PNG", "JPEG": "JPEG", "WEBP": "WEBP"}


def clean_copy(file) -> tuple[ContentFile, str]:
    """(the image re-encoded from its pixels alone, its extension) for a file that passed
    an ``ImageValidator``; orientation from EXIF is applied before EXIF is dropped."""
    source_format, image = _upright_pixels(file)
    target = CLEAN_FORMAT[source_format]
    if target == "JPEG":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 90} if target in ("JPEG", "WEBP") else {"optimize": True}
    image.save(buffer, target, **options)
    return ContentFile(buffer.getvalue()), EXTENSION_OF_FORMAT[target]


@dataclass
class Rendition:
    width: int
    height: int
    content: ContentFile


def make_renditions(fieldfile) -> dict[str, Rendition]:
    """Resized WebP copies of a stored image, keyed like ``RENDITION_WIDTHS``. Never enlarges;
    keeps transparency; the first frame of an animation. Refuses over-large pixel counts."""
    fieldfile.open("rb")
    try:
        _, image = _upright_pixels(fieldfile)
    finally:
        fieldfile.close()
    renditions = {}
    for key, width in RENDITION_WIDTHS.items():
        copy = image.copy()
        if copy.width > width:
            height = max(1, round(copy.height * width / copy.width))
            copy = copy.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, RENDITION_FORMAT, quality=85, method=4)
        renditions[key] = Rendition(copy.width, copy.height, ContentFile(buffer.getvalue()))
    return renditions
