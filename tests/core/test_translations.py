"""Japanese for third-party apps without their own (locale/ja): the compiled catalogs match the
.po files, and the admin's JavaScript catalog carries the editor's dialog strings."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.trans_real import DjangoTranslation

LOCALE = Path(settings.BASE_DIR) / "locale" / "ja" / "LC_MESSAGES"


def entries(po_file):
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', po_file.read_text(), flags=re.MULTILINE)
    assert pairs
    return pairs


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogs_match_the_po_files(domain):
    translation = DjangoTranslation("ja", domain=domain)
    for msgid, msgstr in entries(LOCALE / f"{domain}.po"):
        assert translation.gettext(msgid) == msgstr, msgid


@pytest.mark.django_db
def test_admin_javascript_catalog_has_the_editor_dialogs(client):
    from tests.factories import content_editor

    client.force_login(content_editor())
    script = client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))
    assert catalog["Edit Link"] == "リンクを編集"
    assert catalog["Open in new window"] == "新しいウィンドウで開く"
