import pytest
from django.core.exceptions import ValidationError

from core import normalise

DASHES = ["-", "－", "‐", "‑", "‒", "–", "—", "―", "−", "ー", "ｰ", "﹣", "⁃"]


@pytest.mark.parametrize("dash", DASHES)
def test_postal_code_accepts_every_hyphen_form(dash):
    assert normalise.postal_code(f"980{dash}8403") == "980-8403"


@pytest.mark.parametrize(
    "typed",
    ["〒９８０－８４０３", "〒980-8403", "９８０８４０３", " 980 8403 ", "〒 ９８０ｰ８４０３"],
)
def test_postal_code_full_width_and_mark(typed):
    assert normalise.postal_code(typed) == "980-8403"


@pytest.mark.parametrize("typed", ["980-840", "98-08403-1", "abc-defg", "980-84033", "〒"])
def test_postal_code_refuses_anything_but_seven_digits(typed):
    with pytest.raises(ValidationError, match="郵便番号は7桁の数字"):
        normalise.postal_code(typed)


@pytest.mark.parametrize("dash", DASHES)
def test_phone_accepts_every_hyphen_form(dash):
    assert normalise.phone(f"022{dash}221{dash}4861") == "022-221-4861"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("０２２－２２１－４８６１", "022-221-4861"),
        ("022(221)4861", "022-221-4861"),
        ("（０２２）２２１－４８６１", "022-221-4861"),
        ("+81 22-221-4861", "022-221-4861"),
        ("022 221 4861", "022-221-4861"),
        ("09012345678", "090-1234-5678"),
        ("０１２０１２３４５６", "0120-123-456"),
        ("0312345678", "03-1234-5678"),
        ("0222214861", "0222214861"),  # the area code's length is not guessed
    ],
)
def test_phone_normalised(typed, expected):
    assert normalise.phone(typed) == expected


@pytest.mark.parametrize(
    "typed", ["221-4861", "022-221-48611-1", "１２３４５６７８９０", "tel:022", "0-2-2-2-2"]
)
def test_phone_refuses_wrong_numbers(typed):
    with pytest.raises(ValidationError, match="電話番号は市外局番から"):
        normalise.phone(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("とうほく たろう", "とうほく たろう"),
        ("トウホク　タロウ", "トウホク タロウ"),
        ("ﾄｳﾎｸ ﾀﾛｳ", "トウホク タロウ"),
        ("ゔぁいおりん・ヴァイオリン", "ゔぁいおりん・ヴァイオリン"),
        ("らーめん", "らーめん"),
    ],
)
def test_reading_accepts_hiragana_and_katakana(typed, expected):
    assert normalise.reading(typed) == expected


@pytest.mark.parametrize("typed", ["東北", "Tohoku", "とうほく1", "とうほく-たろう", "<b>"])
def test_reading_refuses_anything_else(typed):
    with pytest.raises(ValidationError, match="ひらがな又はカタカナ"):
        normalise.reading(typed)


def test_nfkc_makes_digits_and_letters_half_width():
    assert normalise.nfkc("ＡＢＣ　１２３") == "ABC 123"


def test_prose_keeps_punctuation_and_line_breaks():
    text = "Ｗｅｂ制作…「学び」\r\n２行目"
    assert normalise.prose(text) == "Web制作…「学び」\n2行目"


def test_email_full_width_at_and_domain_case():
    assert normalise.email("ＩＮＦＯ＠Ｅｘａｍｐｌｅ．ＪＰ") == "INFO@example.jp"


def test_corporate_number_digits_only():
    assert normalise.corporate_number("７０００－０１２０－５０００２") == "7000012050002"
