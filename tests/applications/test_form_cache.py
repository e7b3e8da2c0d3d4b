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


def test_anonymous_visitors_get_the_whole_blank_page_from_the_cache_with_a_working_token():
    Client().get("/apply/")
    visitor = Client(enforce_csrf_checks=True)
    served = visitor.get("/apply/")
    assert served.status_code == 200 and served.templates == []  # no template rendered
    assert "no-store" in served["Cache-Control"]
    token = CSRF.search(served.content.decode()).group(1)
    assert "\x00" not in served.content.decode()
    # The token put in works with the cookie the visitor got; a wrong one is refused (control).
    refused = visitor.post("/apply/", {**answers(), "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403
    accepted = visitor.post("/apply/", {**answers(), "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302


def test_a_content_change_renders_the_blank_page_again():
    from core.page_cache import content_changed

    Client().get("/apply/")
    assert Client().get("/apply/").templates == []
    content_changed()
    assert Client().get("/apply/").templates != []


def test_a_visitor_with_pending_messages_gets_a_rendered_page():
    Client().get("/apply/")
    visitor = Client()
    visitor.cookies["messages"] = "anything"
    assert visitor.get("/apply/").templates != []


def test_a_new_pledge_wording_replaces_the_cached_page():
    from django.utils import timezone

    from applications.models import PledgeVersion

    Client().get("/apply/")
    assert Client().get("/apply/").templates == []
    PledgeVersion.objects.create(
        text="新しい誓約文（二〇二六年改訂）",
        effective_on=timezone.localdate(),
    )
    assert "新しい誓約文（二〇二六年改訂）" in Client().get("/apply/").content.decode()


def test_a_spike_of_anonymous_visits_writes_nothing(django_assert_max_num_queries):
    from django.conf import settings
    from django.contrib.sessions.models import Session

    Client().get("/apply/")
    reads = 1 if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache") else 0
    for _ in range(3):
        with django_assert_max_num_queries(reads) as captured:
            served = Client().get("/apply/")
        assert not [q for q in captured.captured_queries if not q["sql"].startswith("SELECT")]
        assert set(served.cookies) == {settings.CSRF_COOKIE_NAME}  # no session started
    assert not Session.objects.exists()
