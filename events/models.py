import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.images import clean_copy, validate_image
from core.models import Attachment
from core.prefectures import PREFECTURES, PrefectureGroup, group_for
from core.publishing import PublishableModel, PublishableQuerySet
from core.questions import Question
from core.richtext import render_rich_text, rich_text_field, sanitize_html

from . import periods
from .registration_settings import RegistrationSettings
from .sequence import next_sequence

# URL names under /events/ that an event's slug may not take.
RESERVED_SLUGS = {"past", "calendar", "feed", "feed-ics", "series"}

# The columns a list row prints; the list views load only these.
LISTING_FIELDS = [
    "title", "slug", "summary", "starts_at", "ends_at", "all_day", "format", "venue_name",
    "address", "prefecture", "online_tool", "involvement", "state", "registration_deadline",
    "is_sample", "status", "publish_from", "publish_until", "created_at", "updated_at",
    "registration_mode", "registration_url", "capacity", "confirmed_count", "waiting_count",
]  # fmt: skip


CALENDAR_FEED_PAST_DAYS = 365


class EventQuerySet(PublishableQuerySet):
    """``live()`` (published and inside the publication window) comes from core.publishing.
    Upcoming and past are judged on the aware end time: an event is upcoming until it ends."""

    # An event also changes how it shows when it starts (開催中), ends (終了) and when its
    # registration closes (受付終了).
    change_fields = (
        *PublishableQuerySet.change_fields,
        "starts_at",
        "ends_at",
        "registration_deadline",
    )

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__lte=now).order_by("-starts_at", "-pk")

    def in_calendar_feed(self, now=None):
        """What /events/feed.ics carries: upcoming events and those that ended in the past
        ``CALENDAR_FEED_PAST_DAYS`` (older ones keep their own .ics and the past list)."""
        now = now or timezone.now()
        since = now - datetime.timedelta(days=CALENDAR_FEED_PAST_DAYS)
        return self.filter(ends_at__gt=since).order_by("starts_at", "pk")

    def in_month(self, year, month):
        """Events with at least part of their time inside the month, in Japan time."""
        first, following = periods.month_bounds(year, month)
        return self.filter(starts_at__lt=following, ends_at__gt=first)

    def for_listing(self):
        return self.only(*LISTING_FIELDS)

    def in_series(self, series):
        """The sessions of a series in their order (第1回, 第2回, …)."""
        return self.filter(series=series).order_by("series_number", "starts_at", "pk")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class EventSeriesQuerySet(PublishableQuerySet):
    """``live()`` comes from core.publishing; a live series shows only its live sessions."""

    # A programme booked as one closes its registration at its deadline.
    change_fields = (*PublishableQuerySet.change_fields, "registration_deadline")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class EventSeries(RegistrationSettings, PublishableModel):
    """A programme of several sessions (シリーズ・連続講座, e.g. 右腕人材育成プログラム 第1回〜第7回):
    its own page lists the sessions, each of which is an ``Event`` with ``series`` and
    ``series_number``. With registration on the portal, one registration covers the whole
    programme, or the sessions the registrant chooses (``sessions_selectable``)."""

    title = models.CharField("シリーズ名", max_length=150)
    slug = models.SlugField(
        "URL 名",
        max_length=80,
        unique=True,
        help_text="半角英小文字・数字・ハイフン。URL の一部になります（例: migiude-2021）。",
    )
    summary = models.CharField(
        "概要",
        max_length=300,
        blank=True,
        help_text="一覧・検索エンジン向けの短い説明。",
    )
    body = rich_text_field("詳細")
    body_html = models.TextField("詳細（表示用）", blank=True, editable=False)
    is_sample = models.BooleanField(
        "サンプル", default=False, help_text="表示確認用の架空のデータであることを示します。"
    )
    sessions_selectable = models.BooleanField(
        "個別の回を選んで申込可",
        default=False,
        help_text="チェックすると、申込者が参加する回を選べます。チェックしない場合は全回をまとめて申し込みます。",
    )

    objects = EventSeriesQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "created_at",
            "updated_at",
            "body_html",
            "confirmed_count",
            "waiting_count",
        ]
    )

    class Meta:
        verbose_name = "シリーズ・連続講座"
        verbose_name_plural = "シリーズ・連続講座"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("events:series", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_html = render_rich_text(self.body)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = self.registration_errors()
        if errors:
            raise ValidationError(errors)

    # --- registration for the programme as a whole (RegistrationSettings) ---

    is_cancelled = False
    is_postponed = False

    @property
    def _span(self):
        """(first start, last end) of the live sessions, or (None, None); one query, once."""
        if not hasattr(self, "_span_cache"):
            from django.db.models import Max, Min

            span = (
                Event.objects.live()
                .filter(series=self)
                .aggregate(first=Min("starts_at"), last=Max("ends_at"), last_start=Max("starts_at"))
            )
            self._span_cache = span
        return self._span_cache

    def registration_closed(self, now=None):
        """Past the deadline; without one, when the first session starts (or, when sessions
        can be chosen, the last one)."""
        now = now or timezone.now()
        if self.registration_deadline is not None:
            return self.registration_deadline <= now
        closes = self._span["last_start" if self.sessions_selectable else "first"]
        return closes is None or closes <= now

    def is_over(self, now=None):
        last = self._span["last"]
        return last is None or last <= (now or timezone.now())

    def bookable_sessions(self, now=None):
        """The live sessions a registration can cover now: all of them, or, when sessions can be
        chosen, those not yet started."""
        sessions = Event.objects.live().in_series(self)
        if self.sessions_selectable:
            sessions = sessions.filter(starts_at__gt=now or timezone.now())
        return sessions


class Event(RegistrationSettings, PublishableModel):
    """An event the bureau hosts, co-hosts, endorses or supports."""

    class Format(models.TextChoices):
        VENUE = "venue", "会場"
        ONLINE = "online", "オンライン"
        HYBRID = "hybrid", "ハイブリッド"

    class Involvement(models.TextChoices):
        HOST = "host", "主催"
        CO_HOST = "co-host", "共催"
        ENDORSE = "endorse", "後援"
        COOPERATE = "cooperate", "協力"

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "開催予定どおり"
        CANCELLED = "cancelled", "中止"
        POSTPONED = "postponed", "延期"

    uid = models.UUIDField("カレンダー用 ID", default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("イベント名", max_length=150)
    slug = models.SlugField(
        "URL 名",
        max_length=80,
        unique=True,
        blank=True,
        help_text="半角英小文字・数字・ハイフン。空欄の場合は開催日から自動で作ります（例: 20261103-a1b2c3）。",
    )
    summary = models.CharField(
        "概要",
        max_length=300,
        blank=True,
        help_text="一覧・カレンダー・検索エンジン向けの短い説明。",
    )
    body = rich_text_field("詳細")
    body_html = models.TextField("詳細（表示用）", blank=True, editable=False)

    starts_at = models.DateTimeField("開始日時")
    ends_at = models.DateTimeField("終了日時")
    all_day = models.BooleanField(
        "終日",
        default=False,
        help_text="時刻を決めずに日単位で開催する場合。開始日から終了日までの各日を開催日とします。",
    )

    format = models.CharField("開催形式", max_length=10, choices=Format.choices)
    venue_name = models.CharField("会場名", max_length=150, blank=True)
    address = models.CharField("会場の住所", max_length=200, blank=True)
    prefecture = models.CharField(
        "都道府県",
        max_length=2,
        choices=PREFECTURES,
        blank=True,
        help_text="会場の都道府県。オンラインのみの場合は空欄（その他）にできます。",
    )
    group = models.CharField(
        "地域区分", max_length=20, choices=PrefectureGroup.choices, editable=False, db_index=True
    )
    online_tool = models.CharField(
        "オンライン会議ツール", max_length=100, blank=True, help_text="例: Microsoft Teams、Zoom"
    )

    involvement = models.CharField(
        "東北経済産業局の関わり", max_length=10, choices=Involvement.choices
    )
    organisers = models.TextField("主催者", blank=True, help_text="1行に1つずつ入力します。")
    co_organisers = models.TextField(
        "共催・協力など", blank=True, help_text="1行に1つずつ入力します（例: ○○大学（連携））。"
    )
    supporters = models.ManyToManyField(
        "supporters.Supporter",
        verbose_name="参加するサポーターズ",
        blank=True,
        related_name="events",
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name="シリーズ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text="連続講座の一回の場合に選びます。",
    )
    series_number = models.PositiveSmallIntegerField(
        "第N回",
        null=True,
        blank=True,
        help_text="シリーズの中の回数（例: 3 →「第3回」）。シリーズを選んだ場合は必須。",
    )

    fee_amount = models.PositiveIntegerField(
        "参加費（円）",
        null=True,
        blank=True,
        help_text="無料の場合は 0。空欄の場合は表示しません。",
    )
    fee_note = models.CharField(
        "参加費の補足", max_length=100, blank=True, help_text="例: 資料代を含みます"
    )
    audience = models.CharField("対象", max_length=200, blank=True)

    image = models.ImageField(
        "画像",
        upload_to="events/images/%Y/",
        blank=True,
        validators=[validate_image],
        width_field="image_width",
        height_field="image_height",
        help_text="PNG・JPEG・GIF・WebP、5MB まで。",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "画像の代替テキスト",
        max_length=200,
        blank=True,
        help_text="画像の内容を言葉で説明します（画像を登録する場合は必須）。",
    )

    state = models.CharField(
        "開催状況", max_length=10, choices=State.choices, default=State.SCHEDULED
    )
    state_note = models.CharField(
        "中止・延期のお知らせ",
        max_length=300,
        blank=True,
        help_text="中止・延期の理由や、延期後の日程が決まっている場合はその案内。",
    )

    participants = models.PositiveIntegerField("参加者数", null=True, blank=True)
    participants_over = models.BooleanField(
        "「○名超」と表示", default=False, help_text="概数の場合に「100名超」のように表示します。"
    )
    report = rich_text_field("開催報告")
    report_html = models.TextField("開催報告（表示用）", blank=True, editable=False)

    sequence = models.PositiveIntegerField(
        "改訂番号",
        default=0,
        editable=False,
        help_text="カレンダーに表示される項目が変わるたびに増えます（iCalendar の SEQUENCE）。",
    )
    is_sample = models.BooleanField(
        "サンプル", default=False, help_text="表示確認用の架空のデータであることを示します。"
    )

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "created_at", "updated_at", "group", "body_html", "report_html",
            "confirmed_count", "waiting_count",
        ]
    )  # fmt: skip

    class Meta:
        verbose_name = "イベント"
        verbose_name_plural = "イベント"
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "ends_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "series_number"],
                name="event_unique_number_in_series",
                violation_error_message="このシリーズには同じ回の講座がすでにあります。",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def get_ics_url(self):
        return reverse("events:ics", kwargs={"slug": self.slug})

    # --- saving ---

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "この URL 名はイベントの他の機能で使われています。"
        if self.starts_at and self.ends_at:
            if self.all_day:
                if timezone.localdate(self.ends_at) < timezone.localdate(self.starts_at):
                    errors["ends_at"] = "終了日は開始日以降の日付にしてください。"
            elif self.ends_at <= self.starts_at:
                errors["ends_at"] = "終了日時は開始日時より後にしてください。"
        if self.format in (self.Format.VENUE, self.Format.HYBRID) and not self.venue_name:
            errors["venue_name"] = "会場で開催する場合は会場名を入力してください。"
        if self.image and not self.image_alt:
            errors["image_alt"] = "画像を登録する場合は代替テキストを入力してください。"
        if self.series_id and self.series_number is None:
            errors["series_number"] = "シリーズを選んだ場合は第何回かを入力してください。"
        if self.series_number is not None and not self.series_id:
            errors["series"] = "第何回かを入力した場合はシリーズを選んでください。"
        errors.update(self.registration_errors())
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.all_day:
            self.starts_at, self.ends_at = periods.whole_days(self.starts_at, self.ends_at)
        if not self.slug:
            self.slug = f"{timezone.localdate(self.starts_at):%Y%m%d}-{self.uid.hex[:6]}"
        self.group = group_for(self.prefecture)
        self.body = sanitize_html(self.body)
        self.body_html = render_rich_text(self.body)
        self.report = sanitize_html(self.report)
        self.report_html = render_rich_text(self.report)
        self.sequence = next_sequence(self)
        if self.image and not self.image._committed:
            # A public file: only the pixels are published (no EXIF, no trailing bytes).
            content, extension = clean_copy(self.image.file)
            self.image.save(f"{self.slug}{extension}", content, save=False)
            self._meta.get_field("image").update_dimension_fields(self, force=True)
        super().save(*args, **kwargs)

    # --- reading ---

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at)

    @property
    def display_title(self):
        """The title wherever it names the event away from its own heading (browser tab, lists,
        calendars, feeds): 「【中止】…」 or 「【延期】…」 when it will not take place as announced."""
        if self.is_cancelled:
            return f"【中止】{self.title}"
        if self.is_postponed:
            return f"【延期】{self.title}"
        return self.title

    @property
    def is_cancelled(self):
        return self.state == self.State.CANCELLED

    @property
    def is_postponed(self):
        return self.state == self.State.POSTPONED

    def is_over(self, now=None):
        return self.ends_at <= (now or timezone.now())

    def is_ongoing(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

    def registration_closed(self, now=None):
        if self.registration_deadline is None:
            return self.is_over(now)
        return self.registration_deadline <= (now or timezone.now())

    @property
    def has_venue(self):
        return self.format in (self.Format.VENUE, self.Format.HYBRID)

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def venue_text(self):
        """「会場名 住所」, or 「会場名（宮城県）」 when no address is given; empty when online only."""
        if not self.has_venue:
            return ""
        if self.address:
            return f"{self.venue_name} {self.address}"
        if self.prefecture:
            return f"{self.venue_name}（{self.get_prefecture_display()}）"
        return self.venue_name

    @property
    def online_text(self):
        """「オンライン（Microsoft Teams）」; empty for an event at a venue only."""
        if not self.is_online:
            return ""
        return f"オンライン（{self.online_tool}）" if self.online_tool else "オンライン"

    @property
    def location_text(self):
        """Where the event takes place, as lists, feeds, calendars and the admin show it:
        「仙台市内の会場（宮城県）／オンライン（Zoom）」."""
        return "／".join(part for part in (self.venue_text, self.online_text) if part)

    @property
    def organiser_names(self):
        return [line.strip() for line in self.organisers.splitlines() if line.strip()]

    @property
    def co_organiser_names(self):
        return [line.strip() for line in self.co_organisers.splitlines() if line.strip()]

    @property
    def fee_label(self):
        if self.fee_amount is None:
            return self.fee_note
        amount = "無料" if self.fee_amount == 0 else f"{self.fee_amount:,}円"
        return f"{amount}（{self.fee_note}）" if self.fee_note else amount

    @property
    def participants_label(self):
        if self.participants is None:
            return ""
        return f"{self.participants:,}名{'超' if self.participants_over else ''}"

    @property
    def has_report(self):
        return bool(self.report or self.participants is not None)

    # --- as a session of a series ---

    @property
    def series_label(self):
        """「第3回」; empty for an event outside a series."""
        return f"第{self.series_number}回" if self.series_number is not None else ""

    def progress_label(self, now=None):
        """Where the event stands, as a series lists its sessions: 中止, 延期, 終了, 開催中 or
        開催予定."""
        if self.is_cancelled:
            return "中止"
        if self.is_postponed:
            return "延期"
        if self.is_over(now):
            return "終了"
        return "開催中" if self.is_ongoing(now) else "開催予定"


class EventQuestionQuerySet(models.QuerySet):
    def get_by_natural_key(self, event_slug, series_slug, label):
        if event_slug:
            return self.get(event__slug=event_slug, label=label)
        return self.get(series__slug=series_slug, label=label)


class EventQuestion(Question):
    """A question staff add to the registration form of an event or of a programme (exactly one
    of them): free text or one choice of several."""

    event = models.ForeignKey(
        Event,
        verbose_name="イベント",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name="シリーズ",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
    )

    objects = EventQuestionQuerySet.as_manager()

    class Meta(Question.Meta):
        verbose_name = "申込フォームの質問"
        verbose_name_plural = "申込フォームの質問"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False, series__isnull=True)
                | models.Q(event__isnull=True, series__isnull=False),
                name="event_question_one_target",
            ),
        ]

    def natural_key(self):
        return (
            self.event.slug if self.event_id else "",
            self.series.slug if self.series_id else "",
            self.label,
        )


class EventAttachment(Attachment):
    """A flyer or other file for an event (PDF, Word, Excel, PowerPoint)."""

    event = models.ForeignKey(
        Event, verbose_name="イベント", on_delete=models.CASCADE, related_name="attachments"
    )
    history = HistoricalRecords()

    class Meta(Attachment.Meta):
        verbose_name = "チラシ・資料"
        verbose_name_plural = "チラシ・資料"
