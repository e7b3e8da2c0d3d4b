"""The client address: REMOTE_ADDR, or the entry the trusted proxy hops added to X-Forwarded-For."""

import subprocess
import sys

import pytest
from django.test import RequestFactory

from accounts.clients import client_address


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 0
    assert client_address(request_from("192.0.2.1", "203.0.113.5")) == "192.0.2.1"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # spoofed left-most entry
        (1, "6.6.6.6,203.0.113.5 ", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "", "10.0.0.1"),  # header missing: the proxy's own address
        (2, "203.0.113.5", "10.0.0.1"),  # fewer entries than trusted hops
        (1, "6.6.6.6, not-an-address", "10.0.0.1"),
    ],
)
def test_behind_the_proxy_the_trusted_hop_counts_from_the_right(
    settings, hops, forwarded, expected
):
    settings.CLIENT_ADDRESS_PROXY_COUNT = hops
    assert client_address(request_from("10.0.0.1", forwarded)) == expected


def test_the_proxy_settings_come_from_the_environment():
    code = "from django.conf import settings; print(settings.CLIENT_ADDRESS_PROXY_COUNT)"

    def count(**env):
        environment = {
            "DJANGO_SETTINGS_MODULE": "meetup_portal.settings",
            "PATH": "/usr/bin",
            **env,
        }
        result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True)
        return result.stdout.decode().strip()

    assert count() == "0"
    assert count(DJANGO_BEHIND_TLS_PROXY="true") == "1"
    assert count(DJANGO_BEHIND_TLS_PROXY="true", DJANGO_TRUSTED_PROXY_COUNT="2") == "2"
