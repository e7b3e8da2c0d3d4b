"""``Cache-Control: no-store`` for responses that carry personal data."""

from functools import wraps

from django.utils.cache import add_never_cache_headers

from .policy import NO_STORE_PATH_PREFIXES


def no_store(view):
    """Mark a view whose responses must never be stored by a browser or a proxy."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def path_is_private(path):
    return path.startswith(NO_STORE_PATH_PREFIXES)
