"""The application is described once (issue 11): adding a question means a model field, its
migration and one entry in ``sections.SECTIONS``.

The test does exactly that: it adds a field to Application and its column to the table (what the
migration would do), then one Field to a section, and finds the question's label and the answer on
the 確認 page, in the 申込書 PDF, on the admin change page and in the CSV export. Before the
sections entry is added, none of the four shows it.
"""

import dataclasses
import subprocess

import pytest
from django.db import connection, models

from applications import pdf, sections
from applications.models import Application
from tests.accounts.factories import verified_login
from tests.factories import reviewer

from .factories import answers, submit_application

NAME = "mobile_phone"
LABEL = "携帯電話番号"
ANSWER = "090-1234-5678"
CHANGELIST = "/admin/applications/application/"

pytestmark = pytest.mark.django_db(transaction=True)  # a schema change cannot run in a transaction


@pytest.fixture
def new_model_field(migration_data):
    """The model field and its column, removed again afterwards."""
    field = models.CharField(LABEL, max_length=20, blank=True)
    Application.add_to_class(NAME, field)
    with connection.schema_editor() as editor:
        editor.add_field(Application, field)
    yield field
    with connection.schema_editor() as editor:
        editor.remove_field(Application, field)
    Application._meta.local_fields.remove(field)
    Application._meta._expire_cache()
    delattr(Application, NAME)


def with_question(section_title, field):
    return tuple(
        dataclasses.replace(section, fields=(*section.fields, field))
        if section.title == section_title
        else section
        for section in sections.SECTIONS
    )


def flat(text):
    return "".join(text.split())


def outputs(client, staff_client, tmp_path):
    """The 確認 page, the 申込書 PDF's text, the admin change page and the CSV export of an
    application that answered the new question."""
    assert client.post("/apply/", answers(**{NAME: ANSWER})).status_code == 302
    confirm = client.get("/apply/confirm/").content.decode()
    application = submit_application(**{NAME: ANSWER})
    path = tmp_path / f"{application.number}.pdf"
    path.write_bytes(pdf.render_application(application.versions.get()))
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    admin_page = staff_client.get(f"{CHANGELIST}{application.pk}/change/").content.decode()
    export = staff_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [application.pk]}
    ).content.decode("utf-8-sig")
    return {"確認": confirm, "PDF": flat(pdf_text), "admin": admin_page, "CSV": export}


def test_a_field_added_to_the_model_and_one_section_shows_everywhere(
    client, new_model_field, monkeypatch, tmp_path
):
    staff_client = type(client)()
    verified_login(staff_client, reviewer())

    before = outputs(client, staff_client, tmp_path)
    for where, text in before.items():
        assert LABEL not in text and ANSWER not in text, where

    monkeypatch.setattr(sections, "SECTIONS", with_question("所在地・連絡先", sections.Field(NAME)))
    after = outputs(client, staff_client, tmp_path)
    for where, text in after.items():
        assert LABEL in text and ANSWER in text, where
    # The submission copied the answer to the model only once the question was in a section.
    assert Application.objects.filter(**{NAME: ANSWER}).count() == 1
