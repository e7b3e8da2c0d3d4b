import hashlib
from base64 import b64encode

from csp.constants import UNSAFE_INLINE
from django_prose_editor.widgets import importmap


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
