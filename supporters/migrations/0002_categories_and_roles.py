from django.db import migrations

from core.roles import CONTENT_EDITORS, grant, model_permissions
from supporters.categories import ActivityCategory


def create_categories_and_grant(apps, schema_editor):
    Category = apps.get_model("supporters", "Category")
    for order, code in enumerate(ActivityCategory.values, start=1):
        Category.objects.update_or_create(code=code, defaults={"order": order})
    grant(
        apps,
        CONTENT_EDITORS,
        "supporters",
        model_permissions("supporter") + ["view_category", "view_historicalsupporter"],
    )


class Migration(migrations.Migration):
    dependencies = [("supporters", "0001_initial"), ("pages", "0002_staff_groups")]

    operations = [migrations.RunPython(create_categories_and_grant, migrations.RunPython.noop)]
