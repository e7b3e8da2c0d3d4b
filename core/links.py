"""Signed, expiring links to one person's own page, without an account: the applicant's status
page, the registrant's page. The token names the row by its id and its number, so a token for
another row never opens this one; an expired link gets its own page, an altered one 404."""

import functools

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse


class SignedLink:
    def __init__(self, *, salt, key, url_name, max_age_setting):
        self.salt = salt
        self.key = key  # the payload's name for the id (kept: links already mailed use it)
        self.url_name = url_name
        self.max_age_setting = max_age_setting

    def make_token(self, obj) -> str:
        return signing.dumps({self.key: obj.pk, "n": obj.number}, salt=self.salt, compress=True)

    def read_token(self, token):
        """(id, number) of the token; raises signing.SignatureExpired or BadSignature."""
        max_age = getattr(settings, self.max_age_setting)
        payload = signing.loads(token, salt=self.salt, max_age=max_age)
        return payload[self.key], payload["n"]

    def path(self, obj) -> str:
        return reverse(self.url_name, kwargs={"token": self.make_token(obj)})

    def url(self, obj) -> str:
        return f"{settings.SITE_URL}{self.path(obj)}"

    def view(self, rows, expired_template):
        """Decorator: the view gets (request, obj, token, …) for the token's row of ``rows()``
        (a function returning a queryset); an expired link gets ``expired_template`` (410), an
        altered token, a missing row or one whose personal data is deleted 404."""

        def decorator(view):
            @functools.wraps(view)
            def wrapper(request, token, *args, **kwargs):
                try:
                    pk, number = self.read_token(token)
                except signing.SignatureExpired:
                    return render(request, expired_template, status=410)
                except signing.BadSignature:
                    raise Http404 from None
                obj = rows().filter(pk=pk, number=number).first()
                if obj is None or obj.personal_data_deleted_at:
                    raise Http404
                return view(request, obj, token, *args, **kwargs)

            return wrapper

        return decorator
