"""The booking service: capacity, the waiting list and its order, promotion (also when staff
raise the capacity), numbers, and the guards."""

import datetime

import pytest
from django.utils import timezone

from registrations import booking
from registrations.models import Registration, RegistrationStatus

from .factories import RegistrationEventFactory, person

pytestmark = pytest.mark.django_db

Status = RegistrationStatus


def statuses(event):
    return list(
        Registration.objects.filter(event=event).order_by("pk").values_list("status", flat=True)
    )


def test_capacity_then_waiting_list_in_order_with_positions():
    event = RegistrationEventFactory(capacity=2)
    registrations = [booking.register(event, person(n)) for n in range(5)]
    assert statuses(event) == [Status.CONFIRMED] * 2 + [Status.WAITING] * 3
    assert [r.waiting_position() for r in registrations] == [None, None, 1, 2, 3]
    numbers = [r.sequence for r in registrations]
    assert numbers == list(range(numbers[0], numbers[0] + 5))


def test_cancelling_a_waiting_person_promotes_nobody():
    event = RegistrationEventFactory(capacity=1)
    booking.register(event, person(0))
    waiting = [booking.register(event, person(n)) for n in (1, 2)]
    booking.cancel(waiting[0])
    assert statuses(event) == [Status.CONFIRMED, Status.CANCELLED, Status.WAITING]
    assert waiting[1].waiting_position() == 1


def test_raising_the_capacity_in_the_admin_promotes_the_first_waiting(
    django_capture_on_commit_callbacks,
):
    event = RegistrationEventFactory(capacity=1)
    for n in range(4):
        booking.register(event, person(n))
    event.refresh_from_db()
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    assert statuses(event) == [Status.CONFIRMED] * 3 + [Status.WAITING]
    event.refresh_from_db()
    assert (event.confirmed_count, event.waiting_count) == (3, 1)


def test_no_capacity_confirms_everyone():
    event = RegistrationEventFactory(capacity=None)
    for n in range(3):
        booking.register(event, person(n))
    assert statuses(event) == [Status.CONFIRMED] * 3


def test_guards():
    closed = RegistrationEventFactory(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(booking.RegistrationError):
        booking.register(closed, person(0))
    cancelled_event = RegistrationEventFactory(state="cancelled")
    with pytest.raises(booking.RegistrationError):
        booking.register(cancelled_event, person(0))
    registration = booking.register(RegistrationEventFactory(), person(0))
    booking.cancel(registration)
    with pytest.raises(booking.RegistrationError):
        booking.cancel(registration)
    with pytest.raises(booking.RegistrationError):
        booking.change_answers(registration, person(0, name="別人"))


def test_staff_may_register_after_the_deadline(django_user_model):
    staff = django_user_model.objects.create(username="reception", is_staff=True)
    closed = RegistrationEventFactory(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    registration = booking.register(closed, person(0), channel="staff", actor=staff)
    assert registration.logs.get().actor == staff
    assert registration.logs.get().action == "registration.added_by_staff"


def test_the_number_format():
    assert booking.format_number(2026, 7) == "EVT-2026-00007"
    assert booking.format_number(2026, 123456) == "EVT-2026-123456"
