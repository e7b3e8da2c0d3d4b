"""The outbox moves to core (core.OutboxMessage), one queue for every app that mails. Each row
is copied with its id; the application it was about becomes its owner. applications.OutboxMessage
stays as a proxy, so the admin's address and the reviewers' permission do not change."""

from django.db import migrations


def copy_to_core(apps, schema_editor):
    Old = apps.get_model("applications", "OutboxMessage")
    New = apps.get_model("core", "OutboxMessage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    owner_type, _ = ContentType.objects.get_or_create(app_label="applications", model="application")
    New.objects.bulk_create(
        New(
            pk=old.pk,
            kind=old.kind,
            owner_type=owner_type if old.application_id else None,
            owner_id=old.application_id,
            recipients=old.recipients,
            subject=old.subject,
            body=old.body,
            created_at=old.created_at,
            sent_at=old.sent_at,
            attempts=old.attempts,
            next_attempt_at=old.next_attempt_at,
            last_error=old.last_error,
        )
        for old in Old.objects.order_by("pk").iterator()
    )
    # The copied ids were given explicitly: the sequence must continue after them.
    connection = schema_editor.connection
    statements = connection.ops.sequence_reset_sql(no_style(), [New])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def no_style():
    from django.core.management.color import no_style as style

    return style()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_merge_0004_outbox_next_attempt_0004_review_desk"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_to_core, migrations.RunPython.noop),
        migrations.DeleteModel(name="OutboxMessage"),
        migrations.CreateModel(
            name="OutboxMessage",
            fields=[],
            options={
                "verbose_name": "送信メール",
                "verbose_name_plural": "送信メール",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("core.outboxmessage",),
        ),
    ]
