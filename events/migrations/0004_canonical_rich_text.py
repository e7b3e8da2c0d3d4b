"""Rich text saved before the sanitiser wrote one canonical form (core.richtext: no <p> of its
own inside a list item or table cell) is brought to it, so that the first save of an untouched
page, topic or event after this release records no version. Pages and topics are included here
(events already depends on pages) to keep one migration for one change."""

from django.db import migrations

from core.richtext import render_rich_text, sanitize_html

FIELDS = {
    ("pages", "Page"): ["body"],
    ("pages", "Topic"): ["body"],
    ("events", "Event"): ["body", "report"],
}


def canonical_rich_text(apps, schema_editor):
    for (app_label, model_name), fields in FIELDS.items():
        model = apps.get_model(app_label, model_name)
        for row in model.objects.only("pk", *fields).iterator():
            changes = {}
            for field in fields:
                canonical = sanitize_html(getattr(row, field))
                if canonical != getattr(row, field):
                    changes[field] = canonical
                    changes[f"{field}_html"] = render_rich_text(canonical)
            if changes:
                model.objects.filter(pk=row.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_rendered_body_and_report"),
        ("pages", "0003_rendered_body"),
    ]

    operations = [
        migrations.RunPython(canonical_rich_text, migrations.RunPython.noop),
    ]
