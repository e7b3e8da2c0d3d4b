from django.db import migrations

from core.roles import CONTENT_EDITORS, grant, model_permissions


def grant_content_editors(apps, schema_editor):
    grant(
        apps,
        CONTENT_EDITORS,
        "events",
        model_permissions("event", "eventattachment")
        + model_permissions("historicalevent", "historicaleventattachment", actions=("view",)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("pages", "0002_staff_groups"),
        ("supporters", "0002_categories_and_roles"),
    ]

    operations = [migrations.RunPython(grant_content_editors, migrations.RunPython.noop)]
