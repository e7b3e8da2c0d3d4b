"""The client's address, worked out the same way for login throttling and the access log."""

from axes.helpers import get_client_ip_address


def client_address(request):
    """REMOTE_ADDR, or the address the trusted proxy forwarded (DJANGO_BEHIND_TLS_PROXY and
    DJANGO_TRUSTED_PROXY_COUNT configure django-axes, whose resolver this reuses)."""
    return get_client_ip_address(request) or None
