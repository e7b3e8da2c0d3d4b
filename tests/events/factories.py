import datetime

import factory
from django.utils import timezone

from core.publishing import PublicationStatus
from events.models import Event, EventAttachment, EventSeries


def jst(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class EventFactory(factory.django.DjangoModelFactory):
    """A published online event a week from now, two hours long."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"テストイベント{n}")
    slug = factory.Sequence(lambda n: f"test-event-{n}")
    summary = "テスト用のイベントです。"
    body = "<p>イベントの内容です。</p>"
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    format = Event.Format.ONLINE
    online_tool = "Microsoft Teams"
    involvement = Event.Involvement.HOST
    organisers = "東北経済産業局"
    status = PublicationStatus.PUBLISHED


class VenueEventFactory(EventFactory):
    format = Event.Format.VENUE
    online_tool = ""
    venue_name = "仙台市内の会場"
    address = "宮城県仙台市青葉区本町三丁目3番1号"
    prefecture = "04"


class EventAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventAttachment

    event = factory.SubFactory(EventFactory)
    title = "チラシ"
    file = factory.django.FileField(filename="flyer.pdf", data=b"%PDF-1.4\n" + b"0" * 2048)


class EventSeriesFactory(factory.django.DjangoModelFactory):
    """A published series; its sessions are events with ``series`` and ``series_number``."""

    class Meta:
        model = EventSeries

    title = factory.Sequence(lambda n: f"テスト連続講座{n}")
    slug = factory.Sequence(lambda n: f"test-series-{n}")
    summary = "テスト用の連続講座です。"
    body = "<p>連続講座の内容です。</p>"
    status = PublicationStatus.PUBLISHED
