import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone

from core.kana import normalise_for_search
from core.models import AuditLogEntry, LoggedModel
from core.models import OutboxMessage as CoreOutboxMessage
from core.prefectures import PREFECTURES, PrefectureGroup, group_for
from supporters.models import Supporter

from .storage import get_private_storage


class PledgeVersionQuerySet(models.QuerySet):
    def current(self, today=None):
        """The version in force today: the latest effective date not in the future."""
        today = today or timezone.localdate()
        return self.filter(effective_on__lte=today).order_by("-effective_on", "-pk").first()


class PledgeVersion(models.Model):
    """The wording of 暴力団排除に関する誓約書, maintained by staff in versions. A version that an
    application agreed to is never changed; new wording is a new version."""

    title = models.CharField("表題", max_length=100, default="暴力団排除に関する誓約書")
    text = models.TextField(
        "誓約文", max_length=5000, help_text="申込みフォームと誓約書 PDF にこのまま表示します。"
    )
    effective_on = models.DateField("適用開始日", help_text="この日以降の申込みに使います。")
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    objects = PledgeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "誓約文の版"
        verbose_name_plural = "誓約文の版"
        ordering = ["-effective_on", "-pk"]

    def __str__(self):
        return f"{self.title}（{self.effective_on:%Y-%m-%d} 適用）"


class YearCounter(models.Model):
    """The last 受付番号 issued in a year; locked and incremented with each new application."""

    year = models.PositiveSmallIntegerField("年", primary_key=True)
    last_number = models.PositiveIntegerField("最終番号", default=0)

    class Meta:
        verbose_name = "受付番号の採番"
        verbose_name_plural = "受付番号の採番"

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", "受付"
    IN_REVIEW = "in_review", "審査中"
    APPROVED = "approved", "承認"
    RETURNED = "returned", "差戻し"
    REJECTED = "rejected", "却下"
    WITHDRAWN = "withdrawn", "取下げ"


# The applicant's kind is the kind of the listing that approval creates.
ApplicantKind = Supporter.Kind

OPEN_STATUSES = [ApplicationStatus.RECEIVED, ApplicationStatus.IN_REVIEW]
# Decisions after which the personal data is deleted once the retention period has passed.
RETAINED_STATUSES = [ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN]


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        """The applications that need work (受付・審査中)."""
        return self.filter(status__in=OPEN_STATUSES)

    def status_counts(self):
        """{status: number of applications}, in one query."""
        return dict(self.order_by().values_list("status").annotate(count=models.Count("pk")))

    def due_for_retention(self, days, now=None):
        """Rejected or withdrawn applications decided more than ``days`` ago, not yet purged."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
        return self.filter(
            status__in=RETAINED_STATUSES,
            status_changed_at__lt=cutoff,
            personal_data_deleted_at__isnull=True,
        ).order_by("pk")


class Application(LoggedModel):
    """サポーターズ参加申込み: the current content of an application (the latest submitted version)
    and its review status. Each submitted version is kept with its PDFs in ApplicationVersion."""

    number = models.CharField("受付番号", max_length=20, unique=True)
    year = models.PositiveSmallIntegerField("受付年", editable=False)
    sequence = models.PositiveIntegerField("年内の番号", editable=False)
    status = models.CharField(
        "状態",
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        db_index=True,
    )
    received_at = models.DateTimeField("受付日時", default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField("状態の更新日時", default=timezone.now)

    kind = models.CharField("種別", max_length=20, choices=ApplicantKind.choices)
    name = models.CharField("名称・氏名", max_length=100)
    reading = models.CharField("ふりがな", max_length=150)
    representative_title = models.CharField("代表者の役職", max_length=50, blank=True)
    representative_name = models.CharField("代表者の氏名", max_length=50, blank=True)
    representative_reading = models.CharField(
        "代表者の氏名（ふりがな）", max_length=100, blank=True
    )
    corporate_number = models.CharField("法人番号", max_length=13, blank=True)
    postal_code = models.CharField("郵便番号", max_length=8)
    prefecture = models.CharField("都道府県", max_length=2, choices=PREFECTURES)
    group = models.CharField(
        "地域区分", max_length=20, choices=PrefectureGroup.choices, editable=False, db_index=True
    )
    municipality = models.CharField("市区町村", max_length=50)
    address = models.CharField("町名・番地・建物名", max_length=150)
    phone = models.CharField("電話番号", max_length=20)
    email = models.EmailField("メールアドレス", max_length=254)
    website = models.URLField("ウェブサイト", max_length=200, blank=True)
    contact_department = models.CharField("担当部署", max_length=100, blank=True)
    contact_name = models.CharField("担当者の氏名", max_length=50, blank=True)
    contact_reading = models.CharField("担当者の氏名（ふりがな）", max_length=100, blank=True)
    contact_phone = models.CharField("担当者の電話番号", max_length=20, blank=True)
    contact_email = models.EmailField("担当者のメールアドレス", max_length=254, blank=True)
    activity_summary = models.TextField("活動内容", max_length=2000)
    categories = models.ManyToManyField(
        "supporters.Category", verbose_name="取組分野", blank=True, related_name="+"
    )
    supporter_plan = models.TextField("サポーターズとして取り組みたいこと", max_length=2000)
    listing_name = models.CharField("掲載名", max_length=100)
    listing_reading = models.CharField("掲載名のふりがな", max_length=150)
    listing_introduction = models.TextField("紹介文", max_length=1000)
    logo = models.FileField(
        "ロゴ画像", storage=get_private_storage, upload_to="applications/logos/", blank=True
    )
    publish_consent = models.BooleanField("掲載への同意", default=False)
    pledge_version = models.ForeignKey(
        PledgeVersion, verbose_name="誓約文の版", on_delete=models.PROTECT, related_name="+"
    )
    pledge_signer = models.CharField("誓約者の氏名", max_length=100)
    pledge_agreed_at = models.DateTimeField("誓約の日時")
    privacy_consented_at = models.DateTimeField("個人情報の取扱いへの同意日時")

    supporter = models.ForeignKey(
        "supporters.Supporter",
        verbose_name="サポーター掲載",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    correction_fields = models.JSONField(
        "修正を求める項目", default=list, blank=True, help_text="差戻しで指定した項目名。"
    )
    correction_due = models.DateField("補正期限", null=True, blank=True)
    search_text = models.TextField("検索用テキスト", editable=False, default="")
    personal_data_deleted_at = models.DateTimeField("個人情報の削除日時", null=True, blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)
    outbox = GenericRelation(
        "core.OutboxMessage",
        content_type_field="owner_type",
        object_id_field="owner_id",
        related_query_name="application",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "申込み"
        verbose_name_plural = "申込み"
        ordering = ["-received_at", "-pk"]
        permissions = [("review_application", "申込みを審査できる")]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="application_unique_sequence")
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    SEARCHED_FIELDS = ["number", "name", "reading", "listing_name", "listing_reading"]

    def save(self, *args, **kwargs):
        self.group = group_for(self.prefecture)
        self.search_text = normalise_for_search("\n".join(
            getattr(self, name) or "" for name in self.SEARCHED_FIELDS
        ))  # fmt: skip
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"group"} if "prefecture" in update_fields else set()
            if set(self.SEARCHED_FIELDS) & set(update_fields):
                derived.add("search_text")
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    @property
    def correction_labels(self):
        """The labels of the fields named in the last 差戻し, in the form's order."""
        from .sections import labels_of

        return labels_of(self.correction_fields)

    @property
    def is_organisation(self):
        return self.kind != ApplicantKind.INDIVIDUAL

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


class ApplicationVersion(models.Model):
    """One submitted version of an application: the data exactly as confirmed, the pledge wording
    agreed to, and the two PDFs rendered once from it. A correction after 差戻し adds a version."""

    application = models.ForeignKey(
        Application, verbose_name="申込み", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("版")
    submission_token = models.UUIDField("送信トークン", unique=True, editable=False)
    data = models.JSONField("申込内容")
    pledge_version = models.ForeignKey(
        PledgeVersion, verbose_name="誓約文の版", on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("提出日時", default=timezone.now)
    application_pdf = models.FileField(
        "申込書 PDF", storage=get_private_storage, upload_to="applications/pdf/", blank=True
    )
    pledge_pdf = models.FileField(
        "誓約書 PDF", storage=get_private_storage, upload_to="applications/pdf/", blank=True
    )
    pdf_generated_at = models.DateTimeField("PDF 作成日時", null=True, blank=True)
    submitted_late = models.BooleanField(
        "補正期限後の提出",
        default=False,
        help_text="差戻しの補正期限を過ぎてから提出された修正版。",
    )

    class Meta:
        verbose_name = "提出版"
        verbose_name_plural = "提出版"
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="application_version_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.application.number} 第{self.number}版"

    @property
    def has_pdfs(self):
        return bool(self.application_pdf and self.pledge_pdf)


class ApplicationLogQuerySet(models.QuerySet):
    def for_actions(self, actions):
        return self.filter(action__in=actions)

    def since(self, moment):
        return self.filter(created_at__gte=moment)

    def before(self, moment):
        return self.filter(created_at__lt=moment)

    def latest_per_application(self):
        """[(application id, time of its latest entry), …]."""
        return (
            self.order_by().values_list("application_id").annotate(latest=models.Max("created_at"))
        )


class ApplicationLog(AuditLogEntry):
    """Audit trail of an application: who did what, when, with which comment. Never deleted or
    edited (retention blanks comments together with the personal data)."""

    application = models.ForeignKey(
        Application, verbose_name="申込み", on_delete=models.CASCADE, related_name="logs"
    )
    from_status = models.CharField(
        "変更前の状態", max_length=16, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(
        "変更後の状態", max_length=16, choices=ApplicationStatus.choices, blank=True
    )

    objects = ApplicationLogQuerySet.as_manager()

    ACTION_LABELS = {
        "application.received": "申込みを受付",
        "application.resubmitted": "修正版を受付",
        "review.started": "審査開始",
        "review.approved": "承認",
        "review.returned": "差戻し",
        "review.rejected": "却下",
        "application.withdrawn": "取下げ",
        "retention.anonymised": "個人情報を削除",
    }

    class Meta(AuditLogEntry.Meta):
        verbose_name = "審査履歴"
        verbose_name_plural = "審査履歴"

    def __str__(self):
        return f"{self.application_id} {self.action}"


class MailKind(models.TextChoices):
    """The application's mails in the portal's one outbox (core.OutboxMessage)."""

    ACKNOWLEDGEMENT = "acknowledgement", "受付のお知らせ（申込者）"
    NOTIFICATION = "notification", "新着・修正の通知（事務局）"
    WITHDRAWAL_NOTIFICATION = "withdrawal_notice", "取下げの通知（事務局）"
    APPROVED = "approved", "承認のお知らせ"
    RETURNED = "returned", "差戻しのお知らせ"
    REJECTED = "rejected", "却下のお知らせ"
    WITHDRAWN = "withdrawn", "取下げの確認"


class OutboxMessage(CoreOutboxMessage):
    """The outbox as 申込審査担当 see it in the admin (the applications' mails only; the admin
    filters them). The rows live in core.OutboxMessage, one queue for every app."""

    Kind = MailKind

    class Meta:
        proxy = True
        verbose_name = "送信メール"
        verbose_name_plural = "送信メール"

    @property
    def application(self):
        owner = self.owner
        return owner if isinstance(owner, Application) else None


class ReviewerPreference(models.Model):
    """What a reviewer chose for themself: whether to be told of new, corrected and withdrawn
    applications by e-mail (in addition to the bureau's notification address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="担当者",
        on_delete=models.CASCADE,
        related_name="review_preference",
    )
    notify = models.BooleanField(
        "申込みの通知メールを受け取る",
        default=False,
        help_text="新しい申込み・修正版の提出・取下げを、アカウントのメールアドレスに通知します。",
    )

    class Meta:
        verbose_name = "審査担当者の通知設定"
        verbose_name_plural = "審査担当者の通知設定"

    def __str__(self):
        return f"{self.user.get_username()} の通知設定"
