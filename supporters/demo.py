"""Synthetic supporters for ``seed_demo --supporters N`` (benchmarks, directory at scale).

The dozen hand-written samples are data, in ``fixtures/supporters.json``. Every synthetic one is
fictional, named 「【サンプル】…」 and flagged ``is_sample``, and always the same for the same number.
"""

import datetime
import random

from core.publishing import PublicationStatus

from .categories import ActivityCategory as C
from .models import Category, Supporter

PUBLISHED = PublicationStatus.PUBLISHED
COMPANY, ORGANISATION, INDIVIDUAL = Supporter.Kind.values
SYNTHETIC_PREFIX = "synthetic-"

# Syllables for synthetic readings (hiragana and katakana mixed, so both sort together).
_SYLLABLES = list(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"
)
_KATAKANA = list(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
)
_KIND_WORDS = {COMPANY: "株式会社", ORGANISATION: "協議会", INDIVIDUAL: "（個人）"}
_PREFECTURES = ["02", "03", "04", "05", "06", "07", "02", "03", "04", "05", "06", "07", "13", "27", "01", ""]  # fmt: skip


def synthetic_supporter(number: int) -> tuple[Supporter, list[str]]:
    """The ``number``-th synthetic supporter (always the same for the same number) and its
    category codes. Unsaved; ``prepare()`` already called."""
    rng = random.Random(f"ntm-supporter-{number}")
    kind = rng.choices([COMPANY, ORGANISATION, INDIVIDUAL], weights=[5, 4, 1])[0]
    alphabet = _KATAKANA if rng.random() < 0.4 else _SYLLABLES
    reading = "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 7)))
    prefecture = rng.choice(_PREFECTURES)
    supporter = Supporter(
        slug=f"{SYNTHETIC_PREFIX}{number:05d}",
        name=f"【サンプル】{reading}{_KIND_WORDS[kind]} {number:05d}",
        reading=reading,
        kind=kind,
        prefecture=prefecture,
        municipality="" if not prefecture else f"架空{rng.choice('東西南北中')}市",
        introduction=(
            f"表示確認用に自動で作成した架空のサポーターです（{number}番）。"
            f"{rng.choice(['地域と企業をつなぐ', '学びの場をひらく', '移住を応援する', '起業を支える'])}取組を行っています。"
        ),
        website="https://www.example.com/" if kind != INDIVIDUAL else "",
        joined_on=datetime.date(2021, 3, 1) + datetime.timedelta(days=rng.randrange(0, 2000)),
        is_sample=True,
        status=PUBLISHED,
    )
    supporter.prepare()
    codes = rng.sample(list(C.values), k=rng.randint(1, 3))
    return supporter, codes


def seed_synthetic(count: int, stdout=None) -> int:
    """Make sure synthetic supporters 1…``count`` exist; returns how many were created.
    Uses bulk inserts: a thousand take well under a few seconds."""
    existing = set(
        Supporter.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True)
    )
    categories = {code: category.pk for code, category in Category.objects.ensure_all().items()}
    Link = Supporter.categories.through
    batch = []
    created = 0
    for number in range(1, count + 1):
        supporter, codes = synthetic_supporter(number)
        if supporter.slug in existing:
            continue
        batch.append((supporter, codes))
        if len(batch) == 500:
            created += _insert(batch, categories, Link)
            batch = []
            if stdout:
                stdout.write(f"  supporters: {number}/{count}")
    if batch:
        created += _insert(batch, categories, Link)
    return created


def _insert(batch, categories, Link):
    supporters = Supporter.objects.bulk_create([supporter for supporter, _ in batch])
    if supporters and supporters[0].pk is None:  # backends that do not return ids
        by_slug = dict(
            Supporter.objects.filter(slug__in=[s.slug for s in supporters]).values_list(
                "slug", "pk"
            )
        )
        for supporter in supporters:
            supporter.pk = by_slug[supporter.slug]
    Link.objects.bulk_create(
        [
            Link(supporter_id=supporter.pk, category_id=categories[code])
            for supporter, (_, codes) in zip(supporters, batch, strict=True)
            for code in codes
        ]
    )
    return len(supporters)


def seed(stdout=None, supporters=0, **options):
    """``supporters`` synthetic supporters. Returns {"created": n, "updated": 0}."""
    created = seed_synthetic(supporters, stdout=stdout) if supporters else 0
    return {"created": created, "updated": 0}
