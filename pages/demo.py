"""Synthetic topics and pages for ``seed_demo --topics N --pages M`` (benchmarks, search at
scale). The hand-written pages and topics are data, in ``fixtures/pages.json``. Synthetic ones
are fictional, titled 「【サンプル】…」, always the same for the same numbers, and bulk-created."""

import datetime

from django.utils import timezone

from core.publishing import PublicationStatus
from core.richtext import render_rich_text

from .models import Page, Topic

PUBLISHED = PublicationStatus.PUBLISHED
SYNTHETIC_PREFIX = "synthetic-"
SECTION_SLUG = "synthetic-pages"

REGIONS = ["あおもり", "いわて", "みやぎ", "あきた", "やまがた", "ふくしま", "東北"]
THEMES = ["交流会", "セミナー", "ワークショップ", "相談会", "ネットワークづくり", "地域の担い手"]
CATEGORIES = list(Topic.Category)


def _body(number, region, theme):
    return (
        f"<p>表示確認・負荷試験用に自動で作成した架空の文章です（{number}番）。</p>"
        f"<p>{region}で行う{theme}について、地域の企業・団体・自治体がつながる取組を紹介します。"
        "東日本大震災からの復興の過程で育ったネットワークを生かし、関係人口の創出や"
        "起業支援、学びの場づくりを進めています。</p>"
    )


def synthetic_topic(index, today):
    region, theme = REGIONS[index % len(REGIONS)], THEMES[index % len(THEMES)]
    body = _body(index + 1, region, theme)
    return Topic(  # bulk-inserted: save() does not run, so the rendered body is set here
        title=f"【サンプル】{region}の{theme}のお知らせ No.{index + 1}",
        published_on=today - datetime.timedelta(days=index),
        category=CATEGORIES[index % len(CATEGORIES)],
        summary=f"表示確認用の架空のトピックスです（{region}・{theme}）。",
        body=body,
        body_html=render_rich_text(body),
        status=PUBLISHED,
    )


def seed_topics(total):
    prefix = "【サンプル】"
    existing = set(
        Topic.objects.filter(title__startswith=prefix, title__contains=" No.").values_list(
            "title", flat=True
        )
    )
    today = timezone.localdate()
    new = [synthetic_topic(index, today) for index in range(total)]
    new = [topic for topic in new if topic.title not in existing]
    Topic.objects.bulk_create(new, batch_size=500)
    return len(new)


def seed_pages(total):
    """``total`` pages under one section page 「【サンプル】資料室」."""
    section = Page.objects.filter(path=SECTION_SLUG).first()
    created = 0
    if section is None:
        section = Page(
            title="【サンプル】資料室",
            slug=SECTION_SLUG,
            summary="表示確認・負荷試験用の架空のページです。",
            menu_order=900,
            status=PUBLISHED,
        )
        section.save()
        created += 1
    existing = set(section.children.values_list("slug", flat=True))
    new = []
    for index in range(total):
        slug = f"{SYNTHETIC_PREFIX}{index + 1:04d}"
        if slug in existing:
            continue
        region, theme = REGIONS[index % len(REGIONS)], THEMES[(index + 3) % len(THEMES)]
        body = _body(index + 1, region, theme)
        new.append(
            Page(
                parent=section,
                title=f"【サンプル】{region}の{theme}の記録 {index + 1}",
                slug=slug,
                path=f"{section.path}/{slug}",
                summary=f"{region}の{theme}の記録（架空）。",
                body=body,
                body_html=render_rich_text(body),
                menu_order=index + 1,
                status=PUBLISHED,
            )
        )
    Page.objects.bulk_create(new, batch_size=500)
    return created + len(new)


def seed(stdout=None, topics=0, pages=0, **options):
    """``topics`` synthetic topics and ``pages`` synthetic pages. Returns {"created": n, ...}."""
    created = (seed_topics(topics) if topics else 0) + (seed_pages(pages) if pages else 0)
    return {"created": created, "updated": 0}
