from django.db import migrations

from core.roles import EVENT_RECEPTION, grant, model_permissions

RECEPTION_PERMISSIONS = [
    "manage_registrations",
    *model_permissions("registration", actions=("add", "change", "view")),
    *model_permissions("registrationsession", actions=("change", "view")),
    "view_registrationlog",
    "view_registrationmail",
]


def create_role(apps, schema_editor):
    grant(apps, EVENT_RECEPTION, "registrations", RECEPTION_PERMISSIONS)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EVENT_RECEPTION).delete()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial"), ("pages", "0002_staff_groups")]

    operations = [migrations.RunPython(create_role, remove_role)]
