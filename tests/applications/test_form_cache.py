"""A recruitment-day spike: the blank application form's markup is rendered once per content
version, not per request; the CSRF token stays per visitor and a draft is never shared."""

import re

import pytest
from django.test import Client

from .factories import answers

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def field_templates(response):
    return [t.name for t in response.templates if t.name and t.name.startswith("bootstrap5/")]


def test_the_blank_form_is_rendered_once_and_each_visitor_gets_a_csrf_token():
    first, second = Client(), Client()
    warm = first.get("/apply/")
    assert field_templates(warm)  # positive control: the first visit renders the fields
    served = second.get("/apply/")
    assert served.status_code == 200
    assert field_templates(served) == []  # from the cached fragment
    html = served.content.decode()
    assert 'name="name"' in html and 'name="pledge_agreed"' in html
    assert CSRF.search(html).group(1) != CSRF.search(warm.content.decode()).group(1)


def test_a_visitor_with_a_draft_gets_their_own_values(client):
    Client().get("/apply/")  # the blank form is cached
    assert client.post("/apply/", answers(name="東北ドラフト株式会社")).status_code == 302
    response = client.get("/apply/")
    assert field_templates(response)
    assert 'value="東北ドラフト株式会社"' in response.content.decode()
    assert 'value="東北ドラフト株式会社"' not in Client().get("/apply/").content.decode()
