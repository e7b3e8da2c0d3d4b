"""Request bodies: an over-limit Content-Length is refused before anything reads the body."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from applications.models import Application
from core.attachments import MAX_ATTACHMENT_BYTES
from core.images import MAX_IMAGE_BYTES
from core.middleware import RequestBodyLimitMiddleware
from tests.applications.factories import answers

pytestmark = pytest.mark.django_db


class UnreadableBody:
    """A wsgi.input that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_declaring(client, url, length):
    return client.post(
        url,
        CONTENT_LENGTH=str(length),
        CONTENT_TYPE=MULTIPART_CONTENT,
        **{"wsgi.input": UnreadableBody()},
    )


def test_an_over_limit_body_to_apply_is_refused_unread(client, settings):
    response = post_declaring(client, "/apply/", 52 * 1024 * 1024)
    assert response.status_code == 413
    assert "送信されたデータが大きすぎます" in response.content.decode()
    assert "applications:draft" not in client.session  # the view never ran
    assert Application.objects.count() == 0


def test_the_limit_is_the_setting(client, settings):
    size = len(encode_multipart(BOUNDARY, answers()))
    settings.REQUEST_BODY_MAX_BYTES = size - 1
    assert client.post("/apply/", answers()).status_code == 413
    settings.REQUEST_BODY_MAX_BYTES = size
    assert client.post("/apply/", answers()).status_code == 302


@pytest.mark.parametrize("declared", ["abc", "-1", "1e9", "12, 12", "１２"])
def test_a_malformed_content_length_is_a_bad_request(client, declared):
    response = post_declaring(client, "/apply/", declared)
    assert response.status_code == 400
    assert "送信内容を受け付けられませんでした" in response.content.decode()


def test_a_full_size_logo_with_its_form_fits_the_public_limit(client, settings):
    logo = SimpleUploadedFile("logo.png", b"\0" * MAX_IMAGE_BYTES, content_type="image/png")
    body = encode_multipart(BOUNDARY, {**answers(), "logo": logo})
    assert len(body) < settings.REQUEST_BODY_MAX_BYTES
    logo.seek(0)
    response = client.post("/apply/", {**answers(), "logo": logo})
    assert response.status_code == 200  # the form answers about the logo, not the limit


def passes(path, length):
    """Whether the middleware lets a POST declaring ``length`` bytes to ``path`` through."""
    passed = HttpResponse("passed")
    request = RequestFactory().post(
        path, CONTENT_LENGTH=str(length), **{"wsgi.input": UnreadableBody()}
    )
    response = RequestBodyLimitMiddleware(lambda request: passed)(request)
    assert response is passed or response.status_code == 413
    return response is passed


def test_the_admin_takes_full_size_attachments_and_no_more(settings):
    form_headroom = 512 * 1024
    assert settings.ADMIN_REQUEST_BODY_MAX_BYTES >= MAX_ATTACHMENT_BYTES + form_headroom
    assert passes("/admin/pages/page/1/change/", MAX_ATTACHMENT_BYTES + form_headroom)
    assert not passes("/admin/pages/page/1/change/", settings.ADMIN_REQUEST_BODY_MAX_BYTES + 1)
    assert not passes("/apply/", MAX_ATTACHMENT_BYTES)
    assert passes("/apply/", settings.REQUEST_BODY_MAX_BYTES)
