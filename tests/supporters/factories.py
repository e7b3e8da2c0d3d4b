import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.page_cache import content_changed
from core.publishing import PublicationStatus
from supporters.models import Category, Supporter

KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"


def kana_for(number: int) -> str:
    """A distinct hiragana word for each number (base-44 digits as kana)."""
    digits = []
    while True:
        number, remainder = divmod(number, len(KANA))
        digits.append(KANA[remainder])
        if not number:
            break
    return "".join(reversed(digits))


class SupporterFactory(factory.django.DjangoModelFactory):
    """A published company in 宮城県 unless told otherwise; ``categories=["learning", …]``;
    ``complete=True`` fills in website, corporate number, date joined and logo."""

    class Meta:
        model = Supporter
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"テスト支援{n}")
    reading = factory.Sequence(lambda n: f"てすとしえん{kana_for(n)}")
    slug = factory.Sequence(lambda n: f"test-supporter-{n}")
    kind = Supporter.Kind.COMPANY
    prefecture = "04"
    municipality = "仙台市"
    introduction = "地域と企業をつなぐ取組を行っています。"
    status = PublicationStatus.PUBLISHED

    class Params:
        # Every optional public field filled in, as by a company that completed the whole form.
        complete = factory.Trait(
            website="https://www.example.com/mori/",
            corporate_number="9234567890123",
            joined_on=datetime.date(2021, 3, 1),
            logo=factory.LazyFunction(lambda: image_upload()),
        )

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            categories = Category.objects.ensure_all()
            self.categories.set([categories[code] for code in extracted])


def bulk_supporters(count, start=100_000, prefecture="04", **fields):
    """``count`` published supporters with two categories each, inserted in bulk (fast)."""
    rows = []
    for number in range(start, start + count):
        supporter = Supporter(
            name=f"一括サポーター{number}",
            reading=f"いっかつ{kana_for(number)}",
            slug=f"bulk-{number}",
            kind=Supporter.Kind.ORGANISATION,
            prefecture=prefecture,
            municipality="架空市",
            introduction="一括で作成したサポーターです。",
            status=PublicationStatus.PUBLISHED,
            **fields,
        )
        supporter.prepare()
        rows.append(supporter)
    created = Supporter.objects.bulk_create(rows)
    categories = sorted(Category.objects.ensure_all().values(), key=lambda c: c.order)[:2]
    Link = Supporter.categories.through
    Link.objects.bulk_create(
        [Link(supporter_id=s.pk, category_id=c.pk) for s in created for c in categories]
    )
    content_changed()  # a bulk insert sends no signals (seed_demo says so too)
    return created


def image_bytes(size=(800, 400), image_format="PNG", mode="RGB", colour="#1f6b45"):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format)
    return buffer.getvalue()


def image_upload(name="logo.png", **kwargs):
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/png")
