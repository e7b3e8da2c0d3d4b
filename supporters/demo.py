"""Demo supporters for ``seed_demo``: a dozen fictional samples, and on request N synthetic ones.

Every one of them is fictional, named 「【サンプル】…」 and flagged ``is_sample``; no real
organisation is presented as a supporter.
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from core.publishing import PublicationStatus
from core.seeding import upsert

from .categories import ActivityCategory as C
from .models import Category, Supporter

PUBLISHED = PublicationStatus.PUBLISHED
COMPANY, ORGANISATION, INDIVIDUAL = Supporter.Kind.values
SYNTHETIC_PREFIX = "synthetic-"

SAMPLES = [
    # slug, name, reading, kind, prefecture, municipality, categories, logo colour, introduction
    ("sample-ringo-daichi", "【サンプル】りんご台地まちづくり協議会", "りんごだいちまちづくりきょうぎかい",
     ORGANISATION, "02", "弘前市", [C.REGIONAL_ISSUES, C.COOPERATION], "#b3261e",
     "地域の農家・商店・学生が集まり、担い手不足の解決に向けた取組を進めています（架空の団体です）。"),
    ("sample-hakkoda-lab", "【サンプル】株式会社ハッコウダ・ラボ", "ハッコウダラボ",
     COMPANY, "02", "青森市", [C.STARTUPS, C.BUSINESS_MATCHING], "#0b5cad",
     "雪国の暮らしから生まれた新しい事業づくりを、起業を志す人と一緒に考えます（架空の企業です）。"),
    ("sample-sanriku-tsunagu", "【サンプル】三陸つなぐ舎", "さんりくつなぐや",
     ORGANISATION, "03", "釜石市", [C.RELATIONSHIP_POPULATION, C.MIGRATION], None,
     "三陸の企業と都市部の複業人材をつなぐインターンシップを企画しています（架空の団体です）。"),
    ("sample-mori-matching", "【サンプル】株式会社杜のマッチング", "もりのマッチング",
     COMPANY, "04", "仙台市", [C.BUSINESS_MATCHING], "#1f6b45",
     "東北の中小企業と全国の企業・研究機関との出会いの場をつくっています（架空の企業です）。"),
    ("sample-manabi-engawa", "【サンプル】みやぎ学びの縁側", "みやぎまなびのえんがわ",
     ORGANISATION, "04", "石巻市", [C.LEARNING, C.REGIONAL_ISSUES], None,
     "世代を越えて学び合う「縁側」のような場を、まちのあちこちで開いています（架空の団体です）。"),
    ("sample-namahage-kigyo", "【サンプル】なまはげ起業塾", "ナマハゲキギョウジュク",
     ORGANISATION, "05", "男鹿市", [C.STARTUPS, C.LEARNING], "#6a3d9a",
     "地域で事業を始めたい人のための連続講座と個別相談を行っています（架空の団体です）。"),
    ("sample-sakuranbo-ijyu", "【サンプル】さくらんぼ移住相談室", "さくらんぼいじゅうそうだんしつ",
     ORGANISATION, "06", "東根市", [C.MIGRATION], None,
     "移住を考える方と地元企業・自治体をつなぐ相談窓口です（架空の団体です）。"),
    ("sample-mihon-hanako", "【サンプル】見本 花子", "みほん はなこ",
     INDIVIDUAL, "06", "鶴岡市", [C.RELATIONSHIP_POPULATION], None,
     "地域の企業で複業として広報を手伝っています（架空の人物です）。"),
    ("sample-aizu-kyoso", "【サンプル】会津ものづくり共創ラボ株式会社", "あいづものづくりきょうそうラボ",
     COMPANY, "07", "会津若松市", [C.BUSINESS_MATCHING, C.COOPERATION], "#8a4b08",
     "伝統工芸の職人と都市部のデザイナーが共に商品を開発する場を運営しています（架空の企業です）。"),
    ("sample-tokyo-ouendan", "【サンプル】東京とうほく応援団", "トウキョウトウホクオウエンダン",
     ORGANISATION, "13", "千代田区", [C.COOPERATION, C.RELATIONSHIP_POPULATION], None,
     "首都圏で東北の魅力を発信し、東北とかかわりたい人を増やしています（架空の団体です）。"),
    ("sample-furusato-fukugyo", "【サンプル】ふるさと複業エージェント株式会社", "ふるさとふくぎょうえーじぇんと",
     COMPANY, "27", "大阪市", [C.RELATIONSHIP_POPULATION, C.OTHER], None,
     "地方企業での複業・兼業を希望する人材の紹介を行っています（架空の企業です）。"),
    ("sample-mihon-ichiro", "【サンプル】見本 一郎", "ミホン イチロウ",
     INDIVIDUAL, "", "", [C.LEARNING], None,
     "オンラインで東北の高校生向けのキャリア講座を開いています（架空の人物です）。"),
]  # fmt: skip

# Syllables for synthetic readings (hiragana and katakana mixed, so both sort together).
_SYLLABLES = list(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"
)
_KATAKANA = list(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
)
_KIND_WORDS = {COMPANY: "株式会社", ORGANISATION: "協議会", INDIVIDUAL: "（個人）"}
_PREFECTURES = ["02", "03", "04", "05", "06", "07", "02", "03", "04", "05", "06", "07", "13", "27", "01", ""]  # fmt: skip


def _logo(colour: str) -> ContentFile:
    """A plain drawn logo (no text, no real mark) for the samples."""
    image = Image.new("RGBA", (600, 300), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, 590, 290), radius=40, fill=colour)
    draw.ellipse((60, 60, 240, 240), fill="#ffffff")
    draw.rectangle((290, 110, 540, 190), fill="#ffffff")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def seed_samples():
    counts = {"created": 0, "updated": 0}
    categories = Category.objects.ensure_all()
    for index, (
        slug,
        name,
        reading,
        kind,
        prefecture,
        municipality,
        codes,
        colour,
        intro,
    ) in enumerate(SAMPLES):
        values = {
            "name": name,
            "reading": reading,
            "kind": kind,
            "prefecture": prefecture,
            "municipality": municipality,
            "introduction": intro,
            "website": "" if kind == INDIVIDUAL and not index % 2 else "https://www.example.com/",
            "joined_on": datetime.date(2021, 3, 1) + datetime.timedelta(days=45 * index),
            "is_sample": True,
            "publish_municipality": kind == INDIVIDUAL and prefecture != "",
            "publish_website": kind == INDIVIDUAL,
            "status": PUBLISHED,
        }
        result = upsert(Supporter, {"slug": slug}, values)
        supporter = Supporter.objects.get(slug=slug)
        wanted = {categories[code] for code in codes}
        if set(supporter.categories.all()) != wanted:
            supporter.categories.set(wanted)
            result = result or "updated"
        if colour and not supporter.logo:
            supporter.logo.save(f"{slug}.png", _logo(colour), save=False)
            supporter.save()
            result = result or "updated"
        if result:
            counts[result] += 1
    return counts


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
    """The dozen samples, plus ``supporters`` synthetic ones. Returns {"created", "updated"}."""
    counts = seed_samples()
    if supporters:
        counts["created"] += seed_synthetic(supporters, stdout=stdout)
    return counts
