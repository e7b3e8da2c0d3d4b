"""Request guards and response headers for every request, whatever app answers it."""

import hashlib
from base64 import b64encode

from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django_prose_editor.widgets import importmap


class CrossOriginResourcePolicyMiddleware:
    """``Cross-Origin-Resource-Policy: same-origin``: no other site may embed our responses
    (images, PDFs, JSON) in its pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def body_limit(path):
    """The largest request body accepted for ``path``: the admin takes page attachments (up to
    20 MB), the public site at most a logo (5 MB) with its form."""
    if path.startswith("/admin/"):
        return settings.ADMIN_REQUEST_BODY_MAX_BYTES
    return settings.REQUEST_BODY_MAX_BYTES


class RequestBodyLimitMiddleware:
    """Refuses a body over ``body_limit`` from its Content-Length, before anything reads it
    (413 with a short page), and a Content-Length that is not a number (400). Django never reads
    more than Content-Length, and a body sent without one is read as empty, so the declared
    length bounds what is read. Slow clients are the proxy's job (deploy/nginx.conf)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not (declared.isascii() and declared.isdigit()):
            raise BadRequest("Malformed Content-Length header.")
        if int(declared) > body_limit(request.path):
            return render(request, "413.html", status=413)
        return self.get_response(request)


def _importmap_hash():
    """The CSP hash of the rich-text editor's import map (an inline ``<script type=importmap>``).
    It depends only on static file names, so it is computed once per process."""
    rendered = str(importmap)
    content = rendered[rendered.index(">") + 1 : rendered.rindex("</script>")]
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{b64encode(digest).decode()}'"


class AdminContentSecurityPolicyMiddleware:
    """Loosens the policy for the admin only: the admin's templates use inline style attributes
    and the editor needs its import map. Scripts stay limited to our own files and that hash."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.script_hash = None

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            if self.script_hash is None:
                self.script_hash = _importmap_hash()
            response._csp_update = {"style-src": [UNSAFE_INLINE], "script-src": [self.script_hash]}
        return response
