"""Applications for tests, made through the real submission path."""

import uuid

from applications import submission
from applications.forms import ApplicationForm
from applications.models import PledgeVersion


def answers(**overrides):
    """A complete, valid set of answers as a person would type them in the form."""
    data = {
        "kind": "company",
        "name": "株式会社とうほく未来",
        "reading": "カブシキガイシャトウホクミライ",
        "representative_title": "代表取締役",
        "representative_name": "東北 太郎",
        "representative_reading": "とうほく たろう",
        "corporate_number": "",
        "postal_code": "980-8403",
        "prefecture": "04",
        "municipality": "仙台市青葉区",
        "address": "本町三丁目3番1号",
        "phone": "022-221-4861",
        "email": "info@example.jp",
        "website": "https://www.example.jp/",
        "contact_department": "総務部",
        "contact_name": "東北 花子",
        "contact_reading": "とうほく はなこ",
        "contact_phone": "",
        "contact_email": "",
        "activity_summary": "宮城県内の企業と学生をつなぐインターンシップを企画しています。",
        "categories": ["relationship-population", "learning"],
        "supporter_plan": "インターンシップの受入れ先の開拓に協力します。",
        "listing_name": "株式会社とうほく未来",
        "listing_reading": "とうほくみらい",
        "listing_introduction": "東北の若者と企業をつなぐ会社です。",
        "publish_consent": "on",
        "pledge_agreed": "on",
        "pledge_signer": "東北 太郎",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def cleaned(**overrides):
    """Answers as the form returns them: validated and normalised."""
    form = ApplicationForm(data=answers(**overrides), pledge=PledgeVersion.objects.current())
    assert form.is_valid(), form.errors
    return form.draft_data()


def _submit(overrides, amend=None):
    return submission.submit(
        cleaned(**overrides),
        token=uuid.uuid4(),
        pledge_version_id=PledgeVersion.objects.current().pk,
        amend=amend,
    )


def submit_application(**overrides):
    """A received application (version 1), created as the 確認 step creates it."""
    return _submit(overrides).application


def submit_correction(application, **overrides):
    """The corrected version of a returned application, submitted as the 確認 step submits it."""
    return _submit(overrides, amend=application.pk).version
