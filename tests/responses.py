"""Assertions about pages that several apps' tests make in the same way."""

from tests.factories import UserFactory, content_editor


def assert_contains_all(html, texts):
    """Every one of ``texts`` is in ``html``; a failure names all that are missing."""
    missing = [text for text in texts if text not in html]
    assert not missing, f"missing from the page: {missing}"


def assert_only_editors_preview(client, url):
    """A draft at ``url``: 404 to staff without the content editor role; to a content editor a
    preview page that is neither indexed nor stored. Returns the preview's HTML."""
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 404
    client.force_login(content_editor())
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex" and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "プレビュー" in html
    return html
