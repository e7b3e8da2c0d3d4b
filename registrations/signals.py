"""Changes staff make to an event or a programme in the admin that affect its registrations
(events never imports this app, so it listens): a larger capacity promotes people waiting."""

from django.db import transaction
from django.db.models.signals import post_save

from events.models import Event, EventSeries


def capacity_may_have_grown(sender, instance, created, raw=False, **kwargs):
    if created or raw or not instance.registers_here or not instance.waiting_count:
        return
    from .booking import fill_free_seats

    transaction.on_commit(lambda: fill_free_seats(sender.objects.get(pk=instance.pk)))


def connect():
    for model in (Event, EventSeries):
        post_save.connect(
            capacity_may_have_grown, sender=model, dispatch_uid=f"registrations-capacity-{model}"
        )
