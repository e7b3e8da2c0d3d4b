from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import Attachment
from core.publishing import PublishableModel, PublishableQuerySet
from core.richtext import render_rich_text, rich_text_field, sanitize_html

# First URL segments that belong to other parts of the site; a top-level page may not take them.
RESERVED_ROOT_SLUGS = {
    "admin", "apply", "events", "healthz", "media", "robots.txt", "search", "sitemap",
    "sitemap.xml", "static", "supporters", "topics",
}  # fmt: skip


class PageQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, path):
        return self.get(path=path)


class Page(PublishableModel):
    """A staff-editable content page; its URL is the path of slugs from the top page."""

    parent = models.ForeignKey(
        "self",
        verbose_name="親ページ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    title = models.CharField("タイトル", max_length=120)
    slug = models.SlugField(
        "URL 名",
        max_length=60,
        help_text="半角英小文字・数字・ハイフン。URL の一部になります（例: about）。",
    )
    path = models.CharField("URL パス", max_length=255, unique=True, editable=False)
    summary = models.CharField(
        "概要",
        max_length=200,
        blank=True,
        help_text="一覧と検索エンジン・SNS 向けの説明に使います。",
    )
    body = rich_text_field("本文")
    body_html = models.TextField("本文（表示用）", blank=True, editable=False)
    menu_order = models.PositiveIntegerField("表示順", default=100)

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["path", "body_html", "created_at", "updated_at"])

    class Meta:
        verbose_name = "ページ"
        verbose_name_plural = "ページ"
        ordering = ["menu_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="page_unique_slug_per_parent"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.build_path(),)

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"path": self.path})

    def build_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def clean(self):
        super().clean()
        if not self.parent_id and self.slug in RESERVED_ROOT_SLUGS:
            raise ValidationError({"slug": "この URL 名はサイトの他の機能で使われています。"})
        if self.slug and Page.objects.filter(path=self.build_path()).exclude(pk=self.pk).exists():
            raise ValidationError({"slug": "同じ階層に同じ URL 名のページがあります。"})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "自分自身や子ページを親ページにはできません。"})
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_html = render_rich_text(self.body)
        old_path = self.path
        self.path = self.build_path()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                for child in self.children.all():
                    child.save()

    def ancestors(self):
        """Ancestors from the top down, fetched in one query."""
        parts = self.path.split("/")[:-1]
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        by_path = {page.path: page for page in Page.objects.filter(path__in=prefixes)}
        return [by_path[prefix] for prefix in prefixes if prefix in by_path]


class TopicQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, title):
        return self.get(title=title)


class Topic(PublishableModel):
    """トピックス: a dated news item."""

    class Category(models.TextChoices):
        NEWS = "news", "お知らせ"
        EVENT = "event", "イベント"
        RECRUITMENT = "recruitment", "募集"
        REPORT = "report", "活動報告"

    title = models.CharField("タイトル", max_length=150)
    published_on = models.DateField("掲載日", default=timezone.localdate)
    category = models.CharField(
        "区分", max_length=20, choices=Category.choices, default=Category.NEWS
    )
    summary = models.CharField("概要", max_length=200, blank=True)
    body = rich_text_field("本文")
    body_html = models.TextField("本文（表示用）", blank=True, editable=False)

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "created_at", "updated_at"])

    class Meta:
        verbose_name = "トピックス"
        verbose_name_plural = "トピックス"
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["status", "-published_on"])]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.title,)

    def get_absolute_url(self):
        return reverse("pages:topic", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_html = render_rich_text(self.body)
        super().save(*args, **kwargs)


class PageAttachment(Attachment):
    page = models.ForeignKey(
        Page, verbose_name="ページ", on_delete=models.CASCADE, related_name="attachments"
    )
    history = HistoricalRecords()


class TopicAttachment(Attachment):
    topic = models.ForeignKey(
        Topic, verbose_name="トピックス", on_delete=models.CASCADE, related_name="attachments"
    )
    history = HistoricalRecords()


class SiteSettings(models.Model):
    """The one row of settings staff edit in the admin (contact block, notification address)."""

    CACHE_KEY = "pages:site-settings"

    organisation = models.CharField("組織名", max_length=100, default="東北経済産業局")
    department = models.CharField("担当部署", max_length=100, default="総務企画部 企画調査課")
    postal_code = models.CharField("郵便番号", max_length=8, default="980-8403")
    address = models.CharField(
        "住所",
        max_length=200,
        default="宮城県仙台市青葉区本町三丁目3番1号 仙台合同庁舎B棟",
    )
    phone = models.CharField("電話番号", max_length=20, default="022-221-4861")
    phone_note = models.CharField("電話番号の補足", max_length=40, blank=True, default="直通")
    contact_email = models.EmailField(
        "お問合せメールアドレス",
        blank=True,
        help_text="公開ページでは自動収集されにくい形で表示します。",
    )
    notification_email = models.EmailField(
        "通知先メールアドレス",
        blank=True,
        help_text="申込みの受付などの通知を受け取るアドレス（公開されません）。",
    )
    office_hours = models.CharField(
        "受付時間", max_length=100, blank=True, default="平日 8:30〜17:15（12:00〜13:00 を除く）"
    )
    review_target_days = models.PositiveSmallIntegerField(
        "審査の目標日数（開庁日）",
        default=10,
        help_text="受付から最初の判断（承認・差戻し・却下）までの目標。土日・祝日・年末年始を除いて数えます。",
    )

    registration_retention_days = models.PositiveIntegerField(
        "参加申込みの個人情報の保存日数",
        default=365,
        help_text="イベントの終了からこの日数が過ぎると、申込者の氏名・連絡先・回答を削除します（人数の集計は残ります）。",
    )
    registration_reminder_days = models.PositiveSmallIntegerField(
        "開催前のお知らせ（何日前）",
        default=2,
        help_text="参加申込者に開催のお知らせをメールで送る日（開催日の何日前か）。",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "サイト設定"
        verbose_name_plural = "サイト設定"

    def __str__(self):
        return "サイト設定"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def load(cls):
        settings_row = cache.get(cls.CACHE_KEY)
        if settings_row is None:
            settings_row, _ = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, settings_row, 60 * 60)
        return settings_row

    @property
    def contact_email_parts(self):
        """The address split at the @, so templates can print it without a mailto harvesters read."""
        local, _, domain = self.contact_email.partition("@")
        return local, domain
