"""Private storage for personal data: application PDFs and uploads.

Files live under ``settings.PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, and have no URL: they are
served only by views that check a permission (reviewers) or a signed link (the applicant).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage at PRIVATE_MEDIA_ROOT (read at each use, so tests may move it) with
    ``base_url=None``: asking for a URL is a programming error, never a public link."""

    def __init__(self):
        super().__init__(
            base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700
        )

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")


private_storage = PrivateStorage()


def get_private_storage():
    """Callable used by the model fields, so migrations do not record a path."""
    return private_storage
