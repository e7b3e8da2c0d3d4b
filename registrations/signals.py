"""Changes staff make to an event in the admin that affect its registrations (events never
imports this app, so it listens): a larger capacity promotes people waiting at once."""

from django.db import transaction
from django.db.models.signals import post_save

from events.models import Event


def capacity_may_have_grown(sender, instance, created, raw=False, **kwargs):
    if created or raw or not instance.registers_here or not instance.waiting_count:
        return
    from .booking import fill_free_seats

    event_pk = instance.pk
    transaction.on_commit(lambda: fill_free_seats(Event.objects.get(pk=event_pk)))


def connect():
    post_save.connect(capacity_may_have_grown, sender=Event, dispatch_uid="registrations-capacity")
