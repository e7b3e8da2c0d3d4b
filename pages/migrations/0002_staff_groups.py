from django.db import migrations

from core.roles import APPLICATION_REVIEWERS, CONTENT_EDITORS, grant, model_permissions


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=APPLICATION_REVIEWERS)
    grant(
        apps,
        CONTENT_EDITORS,
        "pages",
        model_permissions("page", "topic", "pageattachment", "topicattachment")
        + model_permissions("historicalpage", "historicaltopic", actions=("view",))
        + ["change_sitesettings", "view_sitesettings"],
    )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[CONTENT_EDITORS, APPLICATION_REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
