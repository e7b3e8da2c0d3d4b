"""Demo events for ``seed_demo``.

- The real past events of the seeds (seed 001), written in our own words: 東北コーディネーター・
  フォーラム, the platform's first event, and the seven sessions of 右腕人材育成プログラム.
- Fictional upcoming samples, marked 【サンプル】, placed from the first day of next month so that
  they stay upcoming whenever the demo is loaded.
- ``--events M``: M deterministic synthetic events spread over past and future, bulk-created.
"""

import datetime
import uuid

from django.utils import timezone

from core.prefectures import group_for
from core.publishing import PublicationStatus
from core.richtext import sanitize_html
from core.seeding import upsert
from supporters.models import Supporter

from .models import Event
from .periods import local_midnight, whole_days

PUBLISHED = PublicationStatus.PUBLISHED
UID_NAMESPACE = uuid.UUID("6f1c2a4e-8d3b-5b7e-9a0c-2e4f6a8b0c1d")
BUREAU = "東北経済産業局"
TOHOKU_UNIVERSITY_CENTRE = "東北大学地域イノベーション研究センター（連携）"


def jst(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


FORUM = {
    "slug": "tohoku-coordinator-forum-2021",
    "title": "東北コーディネーター・フォーラム",
    "summary": "東北の地域づくりを支えてきたコーディネーターが集い、東北内外のハブ人材のつながりを"
    "広げたオンラインフォーラム。NEXT TOHOKU MEETUP の最初のイベントです。",
    "body": "<p>震災からの復興や地域の活性化は、各地で人と人、地域と外とをつないできたコーディネーターに"
    "支えられてきました。関係人口が注目されるこれからの地方創生でも、その役割はますます大きくなります。</p>"
    "<p>このフォーラムは、東北との関わりを大切にする仲間が集い、コーディネーター同士が知り合い、"
    "学び合う場として、価値共創プラットフォーム「NEXT TOHOKU MEETUP」の第一弾として開催しました。</p>",
    "starts_at": jst(2021, 3, 1, 14),
    "ends_at": jst(2021, 3, 1, 16),
    "format": Event.Format.ONLINE,
    "online_tool": "Microsoft Teams",
    "involvement": Event.Involvement.HOST,
    "organisers": BUREAU,
    "audience": "東北内外で地域と人をつなぐコーディネーター、ハブ組織の方、関心のある方",
    "participants": 100,
    "participants_over": True,
    "report": "<p>東北内外から100名を超える方にご参加いただき、東北と関わる人たちのネットワークづくりの"
    "第一歩となりました。今後もプラットフォームを通じて、キーパーソン同士が出会う機会をつくっていきます。</p>",
}

# Seed 001's table: (month, day, JST start, JST end, in Sendai?, theme). Weekdays are computed.
RIGHT_HAND_SESSIONS = [
    (1, 16, (10, 30), (17, 0), True, "開講式・オリエンテーション／経営戦略と事業イノベーション"),
    (1, 19, (18, 0), (21, 0), False, "マーケティングの基礎"),
    (1, 26, (18, 0), (21, 0), False, "新たな顧客価値と顧客の創造"),
    (1, 30, (10, 30), (17, 0), True, "経営計画と PDCA"),
    (2, 2, (18, 0), (21, 0), False, "組織のマネジメント"),
    (2, 9, (18, 0), (21, 0), False, "リーダーシップ"),
    (2, 14, (10, 30), (17, 0), True, "マネジメントの実践・終講式"),
]


def right_hand_sessions():
    sessions = []
    for number, (month, day, start, end, in_sendai, theme) in enumerate(
        RIGHT_HAND_SESSIONS, start=1
    ):
        place = (
            {"format": Event.Format.VENUE, "venue_name": "仙台市内の会場", "prefecture": "04"}
            if in_sendai
            else {"format": Event.Format.ONLINE, "online_tool": "オンライン講義"}
        )
        sessions.append(
            {
                "slug": f"right-hand-programme-2021-{number}",
                "title": f"右腕人材育成プログラム 第{number}回「{theme}」",
                "summary": "経営者を支え、経営者と同じ目線で経営課題に取り組む経営幹部（右腕人材）を"
                f"育てる全7回の講座の第{number}回（{'仙台での集合研修' if in_sendai else 'オンライン講義'}）。",
                "body": "<p>東北経済産業局は、地域経済をけん引する企業の次世代経営者や経営幹部候補を対象に、"
                "東北大学地域イノベーション研究センターと連携して全7回の「右腕人材育成プログラム」を"
                "開講しました。仙台での集合研修とオンライン講義を組み合わせ、経営戦略、マーケティング、"
                "経営計画、組織のマネジメント、リーダーシップを学びます。</p>"
                f"<p>第{number}回のテーマは「{theme}」です。</p>",
                "starts_at": jst(2021, month, day, *start),
                "ends_at": jst(2021, month, day, *end),
                "involvement": Event.Involvement.HOST,
                "organisers": BUREAU,
                "co_organisers": TOHOKU_UNIVERSITY_CENTRE,
                "audience": "地域未来牽引企業などの次世代経営者・経営幹部候補",
                **place,
            }
        )
    return sessions


def sample_events(anchor: datetime.date):
    """Fictional upcoming events from ``anchor`` (the first day of next month)."""

    def at(days, hour=0, minute=0):
        day = anchor + datetime.timedelta(days=days)
        return jst(day.year, day.month, day.day, hour, minute)

    note = "<p>このイベントは表示確認用の架空のサンプルです。</p>"
    return [
        {
            "slug": "sample-meetup-sendai",
            "title": "【サンプル】NEXT TOHOKU MEETUP 交流会 in 仙台",
            "summary": "サポーターズや地域で活動する方が出会い、取組を紹介し合う交流会です（サンプル）。",
            "body": note + "<p>会場とオンラインのどちらからでも参加できます。</p>",
            "starts_at": at(9, 14),
            "ends_at": at(9, 17),
            "format": Event.Format.HYBRID,
            "venue_name": "仙台市内の会議室（サンプル）",
            "address": "宮城県仙台市青葉区（サンプル）",
            "prefecture": "04",
            "online_tool": "Zoom",
            "involvement": Event.Involvement.HOST,
            "organisers": BUREAU,
            "audience": "サポーターズ、地域づくりに関心のある方",
            "capacity": 50,
            "fee_amount": 0,
            "registration_url": "https://example.com/sample-meetup",
            "registration_deadline": at(6, 17),
        },
        {
            "slug": "sample-seminar-morioka",
            "title": "【サンプル】関係人口づくり実践セミナー（盛岡）",
            "summary": "副業・兼業人材と地域企業をつなぐ実践例を学ぶセミナーです（サンプル）。",
            "body": note,
            "starts_at": at(16, 13, 30),
            "ends_at": at(16, 16, 30),
            "format": Event.Format.VENUE,
            "venue_name": "盛岡市内のホール（サンプル）",
            "prefecture": "03",
            "involvement": Event.Involvement.ENDORSE,
            "organisers": "サンプル地域づくり協議会",
            "audience": "企業の経営者・人事担当者、自治体職員",
            "capacity": 80,
            "fee_amount": 1000,
            "fee_note": "資料代",
            "registration_url": "https://example.com/sample-seminar",
        },
        {
            "slug": "sample-online-side-jobs",
            "title": "【サンプル】オンライン講座「地域企業の副業人材活用」",
            "summary": "地域企業が副業人材と協働するときのポイントをオンラインで学びます（サンプル）。",
            "body": note,
            "starts_at": at(20, 19),
            "ends_at": at(20, 20, 30),
            "format": Event.Format.ONLINE,
            "online_tool": "Microsoft Teams",
            "involvement": Event.Involvement.COOPERATE,
            "organisers": "サンプル人材ネットワーク",
            "fee_amount": 0,
        },
        {
            "slug": "sample-pitch-fukushima",
            "title": "【サンプル】ふくしま起業家ピッチ（2日間）",
            "summary": "起業を目指す人と支援者が集まる2日間のイベントです（サンプル）。",
            "body": note,
            "starts_at": local_midnight(anchor + datetime.timedelta(days=27)),
            "ends_at": at(28),
            "all_day": True,
            "format": Event.Format.VENUE,
            "venue_name": "郡山市内の交流施設（サンプル）",
            "prefecture": "07",
            "involvement": Event.Involvement.CO_HOST,
            "organisers": "サンプル起業支援ネットワーク",
            "co_organisers": BUREAU,
        },
        {
            "slug": "sample-workshop-yamagata",
            "title": "【サンプル】やまがた 連携促進ワークショップ",
            "summary": "定員に達したため申込みを締め切ったイベントの表示例です（サンプル）。",
            "body": note,
            "starts_at": at(3, 13),
            "ends_at": at(3, 16),
            "format": Event.Format.VENUE,
            "venue_name": "山形市内の会議室（サンプル）",
            "prefecture": "06",
            "involvement": Event.Involvement.HOST,
            "organisers": BUREAU,
            "capacity": 30,
            "registration_url": "https://example.com/sample-workshop",
            "registration_deadline": at(-32, 17),
        },
        {
            "slug": "sample-festival-aomori",
            "title": "【サンプル】あおもり 学びの場フェス",
            "summary": "中止になったイベントの表示例です（サンプル）。",
            "body": note,
            "starts_at": at(12, 10),
            "ends_at": at(12, 15),
            "format": Event.Format.VENUE,
            "venue_name": "青森市内の広場（サンプル）",
            "prefecture": "02",
            "involvement": Event.Involvement.CO_HOST,
            "organisers": "サンプル青森実行委員会",
            "state": Event.State.CANCELLED,
            "state_note": "荒天が見込まれるため中止します（サンプル）。",
        },
        {
            "slug": "sample-consultation-akita",
            "title": "【サンプル】秋田 移住・UIJターン相談会",
            "summary": "延期になったイベントの表示例です（サンプル）。",
            "body": note,
            "starts_at": at(14, 13),
            "ends_at": at(14, 17),
            "format": Event.Format.VENUE,
            "venue_name": "秋田市内の会議室（サンプル）",
            "prefecture": "05",
            "involvement": Event.Involvement.ENDORSE,
            "organisers": "サンプル移住相談センター",
            "state": Event.State.POSTPONED,
        },
    ]


def _defaults(spec, *, is_sample):
    values = {
        "summary": "",
        "body": "",
        "all_day": False,
        "venue_name": "",
        "address": "",
        "prefecture": "",
        "online_tool": "",
        "organisers": "",
        "co_organisers": "",
        "audience": "",
        "capacity": None,
        "fee_amount": None,
        "fee_note": "",
        "registration_url": "",
        "registration_deadline": None,
        "state": Event.State.SCHEDULED,
        "state_note": "",
        "participants": None,
        "participants_over": False,
        "report": "",
        **spec,
        "status": PUBLISHED,
        "is_sample": is_sample,
        "uid": uuid.uuid5(UID_NAMESPACE, spec["slug"]),
    }
    values["body"] = sanitize_html(values["body"])
    values["report"] = sanitize_html(values["report"])
    if values["all_day"]:
        values["starts_at"], values["ends_at"] = whole_days(values["starts_at"], values["ends_at"])
    values.pop("slug")
    return values


THEMES = ["交流会", "セミナー", "ワークショップ", "相談会", "ピッチイベント", "フォーラム"]
REGIONS = [
    ("02", "あおもり"), ("03", "いわて"), ("04", "みやぎ"), ("05", "あきた"),
    ("06", "やまがた"), ("07", "ふくしま"), ("13", "東京"), ("", "オンライン"),
]  # fmt: skip
INVOLVEMENTS = list(Event.Involvement)


def synthetic_event(index, total, anchor: datetime.date):
    """The ``index``-th of ``total`` synthetic events: every second day around ``anchor``, half
    before it and half after, with formats, involvements, regions and states in rotation."""
    prefecture, region = REGIONS[index % len(REGIONS)]
    day = anchor + datetime.timedelta(days=2 * (index - total // 2))
    if not prefecture:
        event_format = Event.Format.ONLINE
    else:
        event_format = Event.Format.HYBRID if index % 5 == 0 else Event.Format.VENUE
    starts_at = jst(day.year, day.month, day.day, 10 + index % 8)
    ends_at = starts_at + datetime.timedelta(hours=2)
    all_day = index % 11 == 0
    if all_day:
        starts_at, ends_at = whole_days(starts_at, starts_at + datetime.timedelta(days=1))
    state = Event.State.SCHEDULED
    if index % 13 == 0:
        state = Event.State.CANCELLED
    elif index % 17 == 0:
        state = Event.State.POSTPONED
    slug = f"synthetic-{index + 1:05d}"
    theme = THEMES[index % len(THEMES)]
    return Event(
        uid=uuid.uuid5(UID_NAMESPACE, slug),
        slug=slug,
        title=f"【サンプル】{region}{theme} No.{index + 1}",
        summary=f"負荷試験・表示確認用の架空のイベントです（{region}・{theme}）。",
        body="<p>このイベントは負荷試験・表示確認用の架空のサンプルです。</p>",
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        format=event_format,
        venue_name=f"{region}の会場（サンプル）" if event_format != Event.Format.ONLINE else "",
        prefecture=prefecture,
        group=group_for(prefecture),
        online_tool="Zoom" if event_format != Event.Format.VENUE else "",
        involvement=INVOLVEMENTS[index % len(INVOLVEMENTS)],
        organisers=BUREAU if index % 4 == 0 else f"サンプル団体 {index % 23 + 1}",
        capacity=20 + index % 5 * 20,
        fee_amount=1000 if index % 5 == 0 else 0,
        state=state,
        participants=15 + index % 40 if index % 3 == 0 and day < anchor else None,
        status=PUBLISHED,
        is_sample=True,
    )


def seed_synthetic(total, stdout=None):
    if total <= 0:
        return 0
    anchor = timezone.localdate().replace(day=1)
    existing = set(
        Event.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True)
    )
    new = []
    for index in range(total):
        event = synthetic_event(index, total, anchor)
        if event.slug not in existing:
            new.append(event)
        if stdout is not None and (index + 1) % 1000 == 0:
            stdout.write(f"    synthetic events: {index + 1}/{total}")
    Event.objects.bulk_create(new, batch_size=500)
    return len(new)


def seed(stdout=None, events=0, **options):
    counts = {"created": 0, "updated": 0}

    def count(result):
        if result:
            counts[result] += 1

    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    for spec in [FORUM, *right_hand_sessions()]:
        count(upsert(Event, {"slug": spec["slug"]}, _defaults(spec, is_sample=False)))
    samples = sample_events(next_month)
    for spec in samples:
        count(upsert(Event, {"slug": spec["slug"]}, _defaults(spec, is_sample=True)))

    # Sample events are joined by sample supporters, when the supporters' demo created some.
    sample_supporters = list(Supporter.objects.live().filter(is_sample=True).order_by("pk")[:3])
    if sample_supporters:
        for slug in ("sample-meetup-sendai", "sample-seminar-morioka"):
            Event.objects.get(slug=slug).supporters.set(sample_supporters)

    counts["created"] += seed_synthetic(events, stdout=stdout)
    return counts
