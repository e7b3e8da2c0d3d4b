"""Staff preview of unpublished content, shared by pages, topics, supporters and events."""

from django.http import Http404


def preview_or_404(request, obj, permission):
    """False for live content (shown to everyone); True for a draft that the user may preview
    (``permission``, e.g. "events.view_event"); 404 for everybody else."""
    if obj.is_live():
        return False
    if request.user.is_authenticated and request.user.has_perm(permission):
        return True
    raise Http404


def mark_preview(response, preview):
    """A preview must not be stored by browsers or proxies, nor indexed."""
    if preview:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response
