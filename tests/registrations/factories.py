import factory

from events.registration_settings import RegistrationMode
from registrations import booking
from tests.events.factories import EventFactory, VenueEventFactory


class RegistrationEventFactory(VenueEventFactory):
    """A published event a week from now that takes registrations on the portal."""

    registration_mode = RegistrationMode.PORTAL
    capacity = 10


class OnlineRegistrationEventFactory(EventFactory):
    registration_mode = RegistrationMode.PORTAL
    capacity = None
    joining_url = "https://teams.example.com/l/meetup-join/secret-room"
    joining_note = "会議 ID: 123 456 789 パスコード: tohoku"


PERSON = {
    "name": "東北 太郎",
    "reading": "とうほく たろう",
    "email": "taro@example.jp",
    "phone": "022-221-4861",
    "organisation": "株式会社とうほく",
}


def person(n=0, **overrides):
    return {**PERSON, "email": f"person{n}@example.jp", **overrides}


def register(event, n=0, **overrides):
    """A registration through the booking service, as the form makes it."""
    return booking.register(event, person(n, **overrides))


class RegistrationFactory(factory.Factory):
    """``RegistrationFactory(event=…)``: registered through ``booking.register``."""

    class Meta:
        model = dict

    event = factory.SubFactory(RegistrationEventFactory)
    n = factory.Sequence(int)

    @classmethod
    def _create(cls, model_class, event, n, **overrides):
        return register(event, n, **overrides)

    _build = _create


def programme(sessions=3, *, selectable=False, capacity=20, **fields):
    """A published series that takes one registration for the programme, with ``sessions``
    upcoming sessions (one a week, in person and online alternately)."""
    import datetime

    from django.utils import timezone

    from tests.events.factories import EventSeriesFactory

    series = EventSeriesFactory(
        registration_mode=RegistrationMode.PORTAL,
        capacity=capacity,
        sessions_selectable=selectable,
        **fields,
    )
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    for number in range(1, sessions + 1):
        factory_class = VenueEventFactory if number % 2 else EventFactory
        factory_class(
            title=f"第{number}回 テスト講座",
            series=series,
            series_number=number,
            starts_at=start + datetime.timedelta(weeks=number - 1),
            ends_at=start + datetime.timedelta(weeks=number - 1, hours=3),
        )
    return series
