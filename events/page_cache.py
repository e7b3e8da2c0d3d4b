"""Rendered event lists from the shared cache, keyed on events.freshness's version.

Only requests without a session cookie read or fill it: a page rendered for a signed-in user or
a visitor with a pending message is never stored, and such users always get a fresh page. Only
the known filter parameters make up the key, so odd query strings cannot fill the cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from .freshness import content_version

CACHED_PARAMETERS = ("group", "format", "involvement", "month", "page")
MAX_SECONDS = 5 * 60  # also bounds how late a change of the site settings (footer) shows


def _cacheable(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and set(request.GET) <= set(
        CACHED_PARAMETERS
    )


def cached_page(request, render_response):
    """``render_response()`` makes the page; its body is reused while the events are unchanged."""
    if not _cacheable(request):
        return render_response()
    now = timezone.now()
    version, valid_until = content_version(now)
    query = "&".join(f"{name}={request.GET.get(name, '')}" for name in CACHED_PARAMETERS)
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
    key = f"events:page:v1:{digest}:{version}"
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        return HttpResponse(content, content_type=content_type)
    response = render_response()
    if response.status_code == 200:
        seconds = max(1, min(MAX_SECONDS, int((valid_until - now).total_seconds())))
        cache.set(key, (response.content, response["Content-Type"]), seconds)
    return response
