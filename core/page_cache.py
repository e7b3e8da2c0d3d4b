"""Whole-page cache for anonymous visitors of the busiest public pages (the home page above all).

Cached pages are keyed on a content version that every save or delete of public content
replaces, so an edit shows at once. Changes that happen by the clock alone (publish-from,
publish-until, an event starting or ending) show within PAGE_TIMEOUT seconds.
"""

from functools import wraps
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

CONTENT_VERSION_KEY = "pages:content-version"
PAGE_TIMEOUT = 60


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, uuid4().hex, None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def content_changed(**kwargs):
    """Signal receiver (post_save / post_delete of public content): retire every cached page."""
    cache.set(CONTENT_VERSION_KEY, uuid4().hex, None)


def _is_anonymous_plain_get(request):
    """Only a GET without query string and without a session or pending messages is the same
    for everybody; signed-in staff (previews) and everything else is rendered afresh."""
    return (
        request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_for_anonymous(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_anonymous_plain_get(request):
            return view(request, *args, **kwargs)
        key = f"pages:page:{content_version()}:{request.path}"
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            cache.set(key, response.content, PAGE_TIMEOUT)
        return response

    return wrapper


def connect_page_cache(models):
    """Any save or delete of these models retires the cached public pages."""
    for model in models:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-del-{model}")
