"""Validation and labelling of downloadable files attached to pages and topics."""

from pathlib import Path

from django.core.exceptions import ValidationError

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

# extension -> (label shown to readers, accepted leading bytes)
_PDF = (b"%PDF-",)
_OOXML = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
ATTACHMENT_TYPES = {
    "pdf": ("PDF", _PDF),
    "doc": ("Word", _OLE),
    "docx": ("Word", _OOXML),
    "xls": ("Excel", _OLE),
    "xlsx": ("Excel", _OOXML),
    "ppt": ("PowerPoint", _OLE),
    "pptx": ("PowerPoint", _OOXML),
}


def extension_of(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")


def type_label(name: str) -> str:
    entry = ATTACHMENT_TYPES.get(extension_of(name))
    return entry[0] if entry else extension_of(name).upper()


def size_label(size: int) -> str:
    """File size the way Japanese government sites print it: 「1.2MB」, 「350KB」."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}MB"
    return f"{max(1, round(size / 1024))}KB"


def validate_attachment(upload):
    extension = extension_of(upload.name)
    if extension not in ATTACHMENT_TYPES:
        allowed = "、".join(sorted({label for label, _ in ATTACHMENT_TYPES.values()}))
        raise ValidationError(f"添付できるファイルの種類は {allowed} です。")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError("添付ファイルの大きさは 20MB 以下にしてください。")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    _, signatures = ATTACHMENT_TYPES[extension]
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            "ファイルの内容が拡張子と一致しません。正しいファイルを選択してください。"
        )
