"""Upload size limit applied while the request is read: a file past the logo limit is dropped
(not stored in memory or on disk) and the rest of the form is kept, so the person sees a message
next to the logo field instead of losing what they typed."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from core.images import MAX_IMAGE_BYTES


class LogoSizeLimitHandler(FileUploadHandler):
    def __init__(self, request=None, limit=None):
        super().__init__(request)
        self.limit = limit or MAX_IMAGE_BYTES
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            oversized = getattr(self.request, "oversized_uploads", set())
            oversized.add(self.field_name)
            self.request.oversized_uploads = oversized
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers build the file


def limit_uploads(request):
    """Install the limit; must run before anything reads request.POST or request.FILES."""
    request.upload_handlers.insert(0, LogoSizeLimitHandler(request))
