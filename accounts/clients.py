"""The client's address, worked out one way for login throttling, the rate limit and the access log.

Behind the bureau's TLS proxy every request comes from the proxy, and the client's address is in
``X-Forwarded-For``. Each proxy appends the address it received the request from, so only the
entries that our own proxies added can be trusted: with ``CLIENT_ADDRESS_PROXY_COUNT`` = N trusted
proxies the client is the N-th entry counted from the right. Everything to its left was sent by
the client itself and may be spoofed; it is never used.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    """The address the trusted proxy hop saw, or REMOTE_ADDR when no proxy is trusted (or the
    header is missing, too short or malformed)."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    hops = settings.CLIENT_ADDRESS_PROXY_COUNT
    if hops <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if len(forwarded) < hops:
        return remote
    return _valid(forwarded[-hops]) or remote


def rate_limit_key(group, request):
    """``client_address`` as a django-ratelimit key."""
    return client_address(request) or "unknown"
