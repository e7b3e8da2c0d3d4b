"""Mail queued before the outbox stored bodies with a placeholder for the status link
(applications.mail.STATUS_LINK_MARK) held the live link, which staff could read in the admin.
Those links become the placeholder: an unsent mail gets a fresh link when it is sent."""

import re

from django.db import migrations

STATUS_LINK = re.compile(r"(?:https?://[^\s/]+)?/apply/status/[^/\s]+/")
STATUS_LINK_MARK = "[[status-link]]"  # as in applications/mail.py


def mask_status_links(apps, schema_editor):
    OutboxMessage = apps.get_model("applications", "OutboxMessage")
    for message in OutboxMessage.objects.filter(body__contains="/apply/status/").only("body"):
        message.body = STATUS_LINK.sub(STATUS_LINK_MARK, message.body)
        message.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_first_pledge_and_reviewer_permissions")]

    operations = [migrations.RunPython(mask_status_links, migrations.RunPython.noop)]
