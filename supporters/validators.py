from django.core.exceptions import ValidationError


def corporate_number_check_digit(twelve_digits: str) -> int:
    """Check digit of a 法人番号 (the first of its 13 digits), per the National Tax Agency's rule:
    9 − (Σ Pn × Qn mod 9), Pn the n-th digit from the right, Qn 1 for odd n and 2 for even n."""
    total = sum(
        int(digit) * (1 if position % 2 else 2)
        for position, digit in enumerate(reversed(twelve_digits), start=1)
    )
    return 9 - total % 9


def validate_corporate_number(value: str):
    if not (len(value) == 13 and value.isascii() and value.isdigit()):
        raise ValidationError("法人番号は13桁の数字で入力してください。")
    if int(value[0]) != corporate_number_check_digit(value[1:]):
        raise ValidationError("法人番号が正しくありません（チェックディジットが一致しません）。")
