"""The page cache: whole public pages for anonymous visitors, and ``{% cache %}`` fragments where
a page has a personal part, all keyed on one content version.

The version is a random token kept in the shared cache with the instant it stops being valid:
the next moment public content changes by the clock alone (``next_change(now)`` of each
connected model: publish-from and -until, an event's start, end and registration deadline) or
the next local midnight (lists by date, the calendar's today), whichever comes first. Any save,
delete or many-to-many change of a connected model retires the version, and the first request
after that instant replaces it, so a cached page never outlives what it shows. A stored page
carries the version it was rendered under, and is read together with the current version: a
cached page costs one cache read (``get_many``) and no database query.

This is the one module that implements page caching.
"""

import datetime
import gzip
import hashlib
import re
from functools import wraps
from urllib.parse import urlencode
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

VERSION_KEY = "page-cache:version"
# Cached entries outlive no version; this timeout only bounds how long a deploy's new templates
# wait for the next content change, and how long entries of a retired version take space.
PAGE_TIMEOUT = 10 * 60

# Where a stored form page had its CSRF token; each visitor's own token goes there.
CSRF_TOKEN_SLOT = b"\x00csrf-token\x00"
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')

_scheduled_models = []  # the connected models whose managers have ``next_change(now)``


def _valid_until(now):
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    changes = (model._default_manager.next_change(now) for model in _scheduled_models)
    return min([midnight, *filter(None, changes)])


def _version(stored, now):
    """The version in ``stored`` (what VERSION_KEY holds), or a new one when it is missing or
    the instant it was valid until has passed."""
    if stored is not None and now < stored[1]:
        return stored[0]
    version = uuid4().hex
    cache.set(VERSION_KEY, (version, _valid_until(now)), None)
    return version


def content_version(now=None):
    """The current content version; a new one once the instant it was valid until has passed."""
    return _version(cache.get(VERSION_KEY), now or timezone.now())


def _read(key):
    """The current version and what ``key`` holds for it (None when it holds nothing or what
    an earlier version stored), in one cache read."""
    found = cache.get_many([VERSION_KEY, key])
    version = _version(found.get(VERSION_KEY), timezone.now())
    stored = found.get(key)
    if stored is None or stored[0] != version:
        return version, None
    return version, stored[1:]


def content_changed(using=None, **kwargs):
    """Signal receiver (save, delete or many-to-many change of public content): retire the
    version at once, and again on commit, so that a page rendered from the old rows before the
    commit is not kept under the next version."""
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY), using=using)


def connect_page_cache(models):
    """Any save, delete or many-to-many change of these models retires the version; those with
    ``next_change(now)`` on their manager also bound how long a version lives."""
    for model in models:
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=uid + field.name)
        if hasattr(model._default_manager, "next_change") and model not in _scheduled_models:
            _scheduled_models.append(model)


def _is_anonymous(request):
    """A GET from a visitor without a session (staff, previews, drafts of a form) and without
    pending messages sees the same page as everybody else."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _is_storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control  # a preview
        and "no-store" not in cache_control
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
    )


def _page_key(request, query):
    parameters = urlencode([(name, request.GET.getlist(name)) for name in query], doseq=True)
    digest = hashlib.sha256(f"{request.path}?{parameters}".encode()).hexdigest()
    return f"page-cache:page:{digest}"


_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _served(request, content, headers, compressed):
    """The stored page as a response. A page stored with ``compress`` is kept gzip-compressed
    only (compressed once, when it was stored; a tenth of the size to read from the cache) and
    is decompressed for the rare client that does not accept gzip."""
    if compressed is None:
        return HttpResponse(content, headers=headers)
    if not _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(gzip.decompress(compressed), headers=headers)
    else:
        response = HttpResponse(compressed, headers=headers)
        response["Content-Encoding"] = "gzip"
        if response.get("ETag", "").startswith('"'):
            response["ETag"] = "W/" + response["ETag"]  # as GZipMiddleware marks it
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def cache_page_for_anonymous(query=(), compress=False):
    """Serve the view's page to anonymous visitors from the cache. Only the parameters named in
    ``query`` may vary it: a request with any other parameter is rendered afresh, so odd query
    strings cannot fill the cache. The body and the headers the view set (Content-Type, ETag,
    Content-Disposition, ...) are kept; the middleware adds its headers to every response.
    ``compress``: a large page is also stored gzip-compressed, so that it is compressed once per
    content version instead of on each request."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _is_anonymous(request) or not set(request.GET) <= set(query):
                return view(request, *args, **kwargs)
            key = _page_key(request, query)
            version, stored = _read(key)
            if stored is not None:
                content, headers, *compressed = stored
                return _served(request, content, headers, next(iter(compressed), None))
            response = view(request, *args, **kwargs)
            if _is_storable(request, response):
                stored = (response.content, dict(response.headers))
                if compress:
                    stored = (None, stored[1], compress_string(response.content))
                cache.set(key, (version, *stored), PAGE_TIMEOUT)
                return _served(request, *stored) if compress else response
            return response

        return wrapper

    return decorator


def cached_page_with_csrf_token(request, render):
    """A form page that is the same for every anonymous visitor but for its CSRF token (the
    blank application form): stored once per content version and path with the token
    cut out, and served with the visitor's own token put back. No template is rendered for a
    stored page. Visitors with a session or pending messages (a draft, an error to show) get
    ``render()`` as usual. The response's headers (no-store for browsers) are kept."""
    if not _is_anonymous(request):
        return render()
    key = f"page-cache:form:{hashlib.sha256(request.path.encode()).hexdigest()}"
    version, stored = _read(key)
    if stored is not None:
        content, headers = stored
        token = get_token(request).encode()
        return HttpResponse(content.replace(CSRF_TOKEN_SLOT, token), headers=headers)
    response = render()
    tokens = set(_CSRF_INPUT.findall(response.content)) if response.status_code == 200 else ()
    if len(tokens) == 1 and not response.streaming and not response.cookies:
        content = response.content.replace(tokens.pop(), CSRF_TOKEN_SLOT)
        cache.set(key, (version, content, dict(response.headers)), PAGE_TIMEOUT)
    return response
