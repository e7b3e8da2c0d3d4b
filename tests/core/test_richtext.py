import pytest

from core.richtext import sanitize_html
from tests.pages.factories import PageFactory, TopicFactory


def test_script_tags_are_removed_with_their_content():
    assert sanitize_html("<p>本文</p><script>alert(1)</script>") == "<p>本文</p>"


def test_event_handler_attributes_are_removed():
    cleaned = sanitize_html(
        '<p onclick="steal()">本文</p><a href="/x" onmouseover="x()">リンク</a>'
    )
    assert "onclick" not in cleaned and "onmouseover" not in cleaned
    assert "本文" in cleaned and 'href="/x"' in cleaned


def test_javascript_links_are_removed():
    cleaned = sanitize_html('<a href="javascript:alert(1)">危険</a><a href="JaVaScRiPt:x">x</a>')
    assert "javascript" not in cleaned.lower()
    assert "危険" in cleaned


def test_allowed_markup_is_kept():
    html = '<h2>見出し</h2><ul><li><a href="https://example.com/">外部</a></li></ul>'
    cleaned = sanitize_html(html)
    assert "<h2>見出し</h2>" in cleaned and 'href="https://example.com/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_styles_iframes_and_images_are_removed():
    cleaned = sanitize_html(
        '<p style="color:red">a</p><iframe src="x"></iframe><img src="http://x/">'
    )
    assert "style" not in cleaned and "iframe" not in cleaned and "img" not in cleaned


@pytest.mark.django_db
def test_bodies_are_sanitised_when_saved(client):
    page = PageFactory(
        body='<p>ようこそ</p><script>alert("x")</script><a href="javascript:x">y</a>'
    )
    topic = TopicFactory(body='<p onload="x()">お知らせ</p>')
    page.refresh_from_db()
    topic.refresh_from_db()
    assert "<script" not in page.body and "javascript:" not in page.body
    assert "onload" not in topic.body
    html = client.get(page.get_absolute_url()).content.decode()
    assert "ようこそ" in html and 'alert("x")' not in html


@pytest.mark.django_db
def test_links_to_other_sites_are_marked_as_external(client):
    page = PageFactory(
        body='<p><a href="https://www.meti.go.jp/">経済産業省</a> と <a href="/about/">概要</a></p>'
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert '経済産業省<span class="external-link__note">（外部サイト）</span></a>' in html
    assert ">概要</a>" in html


@pytest.mark.django_db
def test_rendered_body_keeps_text_escaped():
    page = PageFactory(body="<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 記号</p>")
    assert "&lt;script&gt;" in page.body_html and "<script>" not in page.body_html
