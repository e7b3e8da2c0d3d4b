"""seed_demo opens registration on upcoming samples so the flow can be tried at once: one in
person with 定員 3, one online with a joining URL, and the sample 右腕人材育成プログラム series."""

import pytest
from django.core.management import call_command

from events.models import Event, EventSeries
from registrations import booking, links
from registrations.models import RegistrationStatus

from .factories import person

pytestmark = pytest.mark.django_db


def test_the_samples_take_registrations(seeded, client):
    in_person = Event.objects.get(slug="sample-pitch-fukushima")
    online = Event.objects.get(slug="sample-online-side-jobs")
    series = EventSeries.objects.get(slug="sample-right-hand-programme")
    assert in_person.registration_open() and in_person.capacity == 3 and in_person.has_venue
    assert online.registration_open() and online.joining_url and online.is_online
    assert series.registration_open() and series.sessions.count() == 4
    for url in [in_person.get_absolute_url(), series.get_absolute_url()]:
        assert "申し込む" in client.get(url).content.decode()
    assert client.get(f"/events/{in_person.slug}/register/").status_code == 200
    question = in_person.questions.get()
    answers = [{"question": question.pk, "label": question.label, "answer": "両日"}]
    statuses = [booking.register(in_person, person(n), answers=answers).status for n in range(4)]
    assert statuses == [RegistrationStatus.CONFIRMED] * 3 + [RegistrationStatus.WAITING]
    registration = booking.register(online, person(9))
    assert online.joining_url in client.get(links.page_path(registration)).content.decode()
    assert booking.register(series, person(10)).sessions.count() == 4


def test_create_demo_staff_adds_demo_reception(db, capsys, settings):
    from django.contrib.auth.models import User

    settings.DEBUG = True
    call_command("create_demo_staff")
    reception = User.objects.get(username="demo-reception")
    assert reception.groups.filter(name="イベント受付担当").exists()
    assert reception.has_perm("registrations.manage_registrations")
    assert "demo-reception" in capsys.readouterr().out
