"""参加申込み (event registration): personal data, behind the same wall as applications. No other
app imports this one; the public pages read the counts kept on the event's row
(events.RegistrationSettings.confirmed_count / waiting_count)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone

from core.kana import normalise_for_search
from core.models import AuditLogEntry, LoggedModel
from core.models import OutboxMessage as CoreOutboxMessage
from core.questions import Question


class RegistrationCounter(models.Model):
    """The last 申込番号 (EVT-YYYY-NNNNN) issued in a year; locked and incremented with each new
    registration (core.numbering)."""

    year = models.PositiveSmallIntegerField("年", primary_key=True)
    last_number = models.PositiveIntegerField("最終番号", default=0)

    class Meta:
        verbose_name = "申込番号の採番"
        verbose_name_plural = "申込番号の採番"

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "確定"
    WAITING = "waiting", "キャンセル待ち"
    CANCELLED = "cancelled", "キャンセル"


class Channel(models.TextChoices):
    WEB = "web", "申込フォーム"
    STAFF = "staff", "事務局が登録（電話など）"


class Referral(models.TextChoices):
    """知ったきっかけ (the fixed question's choices)."""

    WEBSITE = "website", "このサイト"
    MAIL = "mail", "メール・メールマガジン"
    SNS = "sns", "SNS"
    FLYER = "flyer", "チラシ・ポスター"
    ACQUAINTANCE = "acquaintance", "知人・同僚の紹介"
    ORGANISATION = "organisation", "所属先・関係団体からの案内"
    OTHER = "other", "その他"


ACTIVE_STATUSES = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        """キャンセル待ち in the order they are promoted: first come, first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("registered_at", "pk")

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def for_target(self, target):
        """The registrations of an event (or, with series registration, of a programme)."""
        return self.filter(**{target_field(target): target})

    def status_counts(self):
        """{status: number of registrations}, in one query."""
        return dict(self.order_by().values_list("status").annotate(count=models.Count("pk")))

    def due_for_retention(self, days, now=None):
        """Registrations whose last session ended more than ``days`` ago, personal data not yet
        deleted."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
        return (
            self.filter(personal_data_deleted_at__isnull=True)
            .annotate(last_end=models.Max("sessions__event__ends_at"))
            .filter(last_end__lt=cutoff)
            .order_by("pk")
        )


def target_field(target) -> str:
    """The Registration field that points at ``target`` (an Event or an EventSeries)."""
    return {"event": "event", "eventseries": "series"}[target._meta.model_name]


class Registration(LoggedModel):
    """One person's 参加申込み for an event: who they are, their answers and their status. The
    sessions they will attend are RegistrationSession rows (one for a single event; one per
    chosen session of a programme), where check-in is recorded."""

    number = models.CharField("申込番号", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField("申込年", editable=False)
    sequence = models.PositiveIntegerField("年内の番号", editable=False)
    event = models.ForeignKey(
        "events.Event",
        verbose_name="イベント",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    series = models.ForeignKey(
        "events.EventSeries",
        verbose_name="シリーズ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(
        "状態", max_length=16, choices=RegistrationStatus.choices, db_index=True
    )
    channel = models.CharField(
        "申込方法", max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    registered_at = models.DateTimeField("申込日時", default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField("状態の更新日時", default=timezone.now)
    submission_token = models.UUIDField(
        "送信トークン", unique=True, null=True, blank=True, editable=False
    )

    name = models.CharField("氏名", max_length=50)
    reading = models.CharField("ふりがな", max_length=100)
    email = models.EmailField("メールアドレス", max_length=254)
    phone = models.CharField("電話番号", max_length=20, blank=True)
    organisation = models.CharField("所属", max_length=100, blank=True)
    job_title = models.CharField("役職", max_length=50, blank=True)
    referral = models.CharField(
        "知ったきっかけ", max_length=20, choices=Referral.choices, blank=True
    )
    needs = models.TextField("配慮が必要な事項", max_length=1000, blank=True)
    answers = models.JSONField(
        "追加の質問への回答",
        default=list,
        blank=True,
        help_text='[{"question": 質問のID, "label": 質問, "answer": 回答}, …]（質問の文言も保存）',
    )
    privacy_consented_at = models.DateTimeField("個人情報の取扱いへの同意日時", null=True)

    search_text = models.TextField("検索用テキスト", editable=False, default="")
    personal_data_deleted_at = models.DateTimeField("個人情報の削除日時", null=True, blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    outbox = GenericRelation(
        CoreOutboxMessage,
        content_type_field="owner_type",
        object_id_field="owner_id",
        related_query_name="registration",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "参加申込み"
        verbose_name_plural = "参加申込み"
        ordering = ["-registered_at", "-pk"]
        permissions = [("manage_registrations", "参加申込みを受付・管理できる")]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="registration_unique_sequence"
            ),
            # For one event or for one programme (series), never both, never neither.
            models.CheckConstraint(
                condition=models.Q(event__isnull=False, series__isnull=True)
                | models.Q(event__isnull=True, series__isnull=False),
                name="registration_one_target",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"]),
            models.Index(fields=["series", "status", "registered_at"]),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    SEARCHED_FIELDS = ["number", "name", "reading", "organisation"]
    # Blanked by retention; the row keeps number, target, status, channel, dates and referral.
    PERSONAL_FIELDS = {
        "name": "",
        "reading": "",
        "email": "",
        "phone": "",
        "organisation": "",
        "job_title": "",
        "needs": "",
        "answers": [],
        "search_text": "",
    }

    def save(self, *args, **kwargs):
        self.search_text = normalise_for_search(
            "\n".join(getattr(self, name) or "" for name in self.SEARCHED_FIELDS)
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(self.SEARCHED_FIELDS) & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def target(self):
        """The event or the programme (EventSeries) registered for."""
        return self.event if self.event_id else self.series

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    def waiting_position(self):
        """1 for the first person on the waiting list; None when not waiting."""
        if not self.is_waiting:
            return None
        earlier = (
            Registration.objects.for_target(self.target)
            .waiting()
            .filter(
                models.Q(registered_at__lt=self.registered_at)
                | models.Q(registered_at=self.registered_at, pk__lt=self.pk)
            )
        )
        return earlier.count() + 1


class RegistrationSession(models.Model):
    """A session a registration covers: the event itself, or one session of a programme. Check-in
    and attendance are recorded here (受付 at the desk, or the 出席コード of an online session)."""

    class CheckInMethod(models.TextChoices):
        RECEPTION = "reception", "受付"
        CODE = "code", "出席コード"

    registration = models.ForeignKey(
        Registration, verbose_name="参加申込み", on_delete=models.CASCADE, related_name="sessions"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name="回・イベント",
        on_delete=models.PROTECT,
        related_name="registration_sessions",
    )
    checked_in_at = models.DateTimeField("出席の記録日時", null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="受付した担当者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    check_in_method = models.CharField(
        "出席の確認方法", max_length=10, choices=CheckInMethod.choices, blank=True
    )
    # The survey mail of this session is about this row (its link names the session).
    outbox = GenericRelation(
        CoreOutboxMessage,
        content_type_field="owner_type",
        object_id_field="owner_id",
        related_query_name="registration_session",
    )

    class Meta:
        verbose_name = "参加する回"
        verbose_name_plural = "参加する回"
        ordering = ["event__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "event"], name="registration_session_unique_event"
            ),
        ]

    def __str__(self):
        return f"{self.registration.number} {self.event}"

    @property
    def attended(self):
        return self.checked_in_at is not None

    @property
    def number(self):
        """The registration's 申込番号 (the survey link names the session by it, too)."""
        return self.registration.number


class RegistrationNotice(models.Model):
    """A notice that went to a registrant about an event (reminder, day-of mail, change notice),
    so that each is queued once per registrant and event revision whatever the command runs."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "前日までのお知らせ"
        DAY_OF = "day_of", "当日のご案内"
        CHANGE = "change", "変更のお知らせ"
        SURVEY = "survey", "アンケートのお願い"

    registration = models.ForeignKey(
        Registration, verbose_name="参加申込み", on_delete=models.CASCADE, related_name="notices"
    )
    event = models.ForeignKey(
        "events.Event", verbose_name="回・イベント", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("種類", max_length=10, choices=Kind.choices)
    event_sequence = models.PositiveIntegerField(
        "イベントの改訂番号", default=0, help_text="変更のお知らせの場合、その変更後の改訂番号。"
    )
    created_at = models.DateTimeField("作成日時", default=timezone.now)

    class Meta:
        verbose_name = "申込者へのお知らせ"
        verbose_name_plural = "申込者へのお知らせ"
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "event", "kind", "event_sequence"],
                name="registration_notice_once",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id} {self.get_kind_display()}"


class RegistrationLog(AuditLogEntry):
    """Audit trail of a registration (``Registration.log``): who did what, when. Never deleted or
    edited (retention blanks comments and data together with the personal data)."""

    registration = models.ForeignKey(
        Registration, verbose_name="参加申込み", on_delete=models.CASCADE, related_name="logs"
    )
    from_status = models.CharField(
        "変更前の状態", max_length=16, choices=RegistrationStatus.choices, blank=True
    )
    to_status = models.CharField(
        "変更後の状態", max_length=16, choices=RegistrationStatus.choices, blank=True
    )

    ACTION_LABELS = {
        "registration.confirmed": "申込み（確定）",
        "registration.waitlisted": "申込み（キャンセル待ち）",
        "registration.promoted": "キャンセル待ちから確定",
        "registration.changed": "回答の変更",
        "registration.cancelled": "キャンセル",
        "registration.added_by_staff": "事務局が登録",
        "registration.cancelled_by_staff": "事務局がキャンセル",
        "registration.checked_in": "出席を記録",
        "registration.certificate_issued": "参加証明書を発行",
        "registration.messaged": "一斉メールを送信",
        "notice.reminder": "開催前のお知らせを送信",
        "notice.day_of": "当日のご案内を送信",
        "notice.change": "開催内容の変更を通知",
        "notice.survey": "アンケートのお願いを送信",
        "retention.anonymised": "個人情報を削除",
    }

    class Meta(AuditLogEntry.Meta):
        verbose_name = "参加申込みの履歴"
        verbose_name_plural = "参加申込みの履歴"

    def __str__(self):
        return f"{self.registration_id} {self.action}"


class MailKind(models.TextChoices):
    """The registrations' mails in the portal's one outbox (core.OutboxMessage)."""

    REGISTERED = "registration.registered", "申込みの受付（確定・キャンセル待ち）"
    PROMOTED = "registration.promoted", "キャンセル待ちからの確定"
    CHANGED = "registration.changed", "回答の変更の確認"
    CANCELLED = "registration.cancelled", "キャンセルの確認"
    MESSAGE = "registration.message", "事務局からのお知らせ（一斉送信）"
    REMINDER = "registration.reminder", "開催前のお知らせ"
    DAY_OF = "registration.day_of", "当日のご案内"
    EVENT_CHANGED = "registration.event_changed", "開催内容の変更のお知らせ"
    SURVEY = "registration.survey", "アンケートのお願い"


class RegistrationMail(CoreOutboxMessage):
    """The outbox as イベント受付担当 see it in the admin: the registrations' mails only."""

    Kind = MailKind

    class Meta:
        proxy = True
        verbose_name = "送信メール（参加申込み）"
        verbose_name_plural = "送信メール（参加申込み）"


# --- アンケート (after an event) -------------------------------------------------------------

SURVEY_OPEN_DAYS = 14


class Satisfaction(models.IntegerChoices):
    """満足度, the one question every survey asks (5 = best)."""

    VERY_SATISFIED = 5, "5 とても満足"
    SATISFIED = 4, "4 満足"
    NEUTRAL = 3, "3 どちらともいえない"
    DISSATISFIED = 2, "2 不満"
    VERY_DISSATISFIED = 1, "1 とても不満"


class SurveyQuerySet(models.QuerySet):
    def open(self, now=None):
        """Surveys taking answers now: the event has started, the closing time has not passed
        and the event was not cancelled."""
        now = now or timezone.now()
        return self.filter(event__starts_at__lte=now, closes_at__gt=now).exclude(
            event__state="cancelled"
        )


class Survey(models.Model):
    """The アンケート of one event (or one session of a programme): 満足度 (1–5), ご意見・ご感想
    and the questions staff add. It is mailed to those who attended (RegistrationSession
    checked in) and answered on a public page through a signed link, once per registrant."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name="イベント（回）",
        on_delete=models.PROTECT,
        related_name="survey",
    )
    intro = models.TextField(
        "ご案内",
        max_length=1000,
        blank=True,
        default="ご参加いただきありがとうございました。今後の企画の参考にするため、アンケートへのご協力をお願いします（所要時間 3 分程度）。",
        help_text="アンケートのページとメールの冒頭に表示します。",
    )
    closes_at = models.DateTimeField(
        "回答締切",
        blank=True,
        help_text=f"空欄の場合はイベントの終了から{SURVEY_OPEN_DAYS}日後。",
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = "アンケート"
        verbose_name_plural = "アンケート"
        ordering = ["-event__starts_at", "-pk"]

    def __str__(self):
        return f"{self.event.title} のアンケート"

    def save(self, *args, **kwargs):
        if self.closes_at is None:
            self.closes_at = self.event.ends_at + datetime.timedelta(days=SURVEY_OPEN_DAYS)
        super().save(*args, **kwargs)

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.event.starts_at <= now < self.closes_at and not self.event.is_cancelled


class SurveyQuestion(Question):
    """A question staff add to a survey (after 満足度, before ご意見・ご感想)."""

    survey = models.ForeignKey(
        Survey, verbose_name="アンケート", on_delete=models.CASCADE, related_name="questions"
    )

    class Meta(Question.Meta):
        verbose_name = "アンケートの質問"
        verbose_name_plural = "アンケートの質問"


class SurveyResponse(models.Model):
    """One registrant's answer to a survey: at most one per registrant and session (the
    session row is unique here). Results are only ever shown counted; the CSV names no one."""

    survey = models.ForeignKey(
        Survey, verbose_name="アンケート", on_delete=models.CASCADE, related_name="responses"
    )
    session = models.OneToOneField(
        RegistrationSession,
        verbose_name="参加した回",
        on_delete=models.CASCADE,
        related_name="survey_response",
    )
    satisfaction = models.PositiveSmallIntegerField("満足度", choices=Satisfaction.choices)
    comment = models.TextField("ご意見・ご感想", max_length=2000, blank=True)
    answers = models.JSONField(
        "質問への回答",
        default=list,
        blank=True,
        help_text='[{"question": 質問のID, "label": 質問, "answer": 回答}, …]（質問の文言も保存）',
    )
    submitted_at = models.DateTimeField("回答日時", default=timezone.now)

    class Meta:
        verbose_name = "アンケートの回答"
        verbose_name_plural = "アンケートの回答"
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.survey_id} {self.pk}"
