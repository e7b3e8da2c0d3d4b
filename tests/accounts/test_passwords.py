import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.real_password_hashers]


def test_argon2_hashes_new_passwords():
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert UserFactory().password.startswith("argon2$argon2id$")


def test_passwords_shorter_than_twelve_characters_are_refused():
    with pytest.raises(ValidationError):
        validate_password("Tk7#qv2-Lm9")  # eleven characters
    validate_password("Tk7#qv2-Lm9z")
