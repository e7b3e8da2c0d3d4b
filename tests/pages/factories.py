import datetime

import factory

from core.publishing import PublicationStatus
from pages.models import Page, PageAttachment, Topic


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"ページ{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "テスト用のページです。"
    body = "<p>本文です。</p>"
    status = PublicationStatus.PUBLISHED


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"トピックス{n}")
    published_on = factory.Sequence(
        lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
    )
    body = "<p>お知らせの本文です。</p>"
    status = PublicationStatus.PUBLISHED


class PageAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageAttachment

    page = factory.SubFactory(PageFactory)
    title = "チラシ"
    file = factory.django.FileField(filename="flyer.pdf", data=b"%PDF-1.4\n" + b"0" * 1_258_291)
