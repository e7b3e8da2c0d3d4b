import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Count, F, Window
from django.db.models.functions import Collate, RowNumber
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.images import (
    RENDITION_WIDTHS,
    clean_copy,
    make_renditions,
    validate_logo,
)
from core.kana import normalise_for_search, reading_sort_key, validate_reading
from core.prefectures import PREFECTURE_NAMES, PREFECTURES, PrefectureGroup, group_for
from core.publishing import PublishableModel, PublishableQuerySet

from .categories import ActivityCategory
from .slugs import unique_slug
from .validators import validate_corporate_number

logger = logging.getLogger(__name__)

GBIZINFO_URL = "https://info.gbiz.go.jp/hojin/ichiran?hojinBango={}"

# The history entry of a listing that approving an application made or updated names the
# application's 受付番号; コンテンツ編集者 see it without (supporters.admin).
APPROVAL_REASON = re.compile(r"^申込み \S+ の承認$")
APPROVAL_REASON_FOR_EDITORS = "申込みの承認により登録・更新"


def approval_reason(number: str) -> str:
    return f"申込み {number} の承認"


class CategoryQuerySet(models.QuerySet):
    def ensure_all(self):
        """Create any of the eight rows that is missing (a migration creates them; a test
        database flush or a hand-emptied table removes them). Returns {code: Category}."""
        existing = {category.code: category for category in self.all()}
        for order, code in enumerate(ActivityCategory.values, start=1):
            if code not in existing:
                existing[code] = self.create(code=code, order=order)
        return existing

    def get_by_natural_key(self, code):
        return self.get(code=code)


class Category(models.Model):
    """One of the eight activity categories (rows created by a migration)."""

    code = models.CharField("コード", max_length=40, unique=True, choices=ActivityCategory.choices)
    order = models.PositiveSmallIntegerField("表示順", default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "取組分野"
        verbose_name_plural = "取組分野"
        ordering = ["order"]

    def __str__(self):
        return self.get_code_display()

    def natural_key(self):
        return (self.code,)

    @property
    def label(self):
        return self.get_code_display()


@dataclass(frozen=True)
class GroupCount:
    """One prefecture group with the number of supporters in it."""

    value: str
    label: str
    count: int

    @property
    def url(self):
        return reverse("supporters:group", kwargs={"group": self.value})

    @property
    def anchor(self):
        return f"group-{self.value}"


class SupporterQuerySet(PublishableQuerySet):
    def published(self, now=None):
        """The one definition of a public listing: used by every list, the detail page, the
        open data and the sitemap. Sorted 五十音順."""
        return self.live(now).in_reading_order()

    def in_reading_order(self):
        """五十音順 by the stored hiragana key. PostgreSQL compares with the database's collation,
        which may not follow kana order (e.g. ja_JP or en_US); the "C" collation compares code
        points, which for hiragana is 五十音順, as SQLite does by default."""
        key = F("reading_key")
        if connections[self.db].vendor == "postgresql":
            key = Collate(key, "C")
        return self.order_by(key, "pk")

    def in_group(self, group):
        return self.filter(group=group)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_category(self, code):
        return self.filter(categories__code=code)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def search(self, keywords):
        """Every whitespace-separated keyword must occur in the name, reading or introduction;
        full-width/half-width, case and hiragana/katakana differences are ignored."""
        queryset = self
        for term in normalise_for_search(keywords).split():
            queryset = queryset.filter(search_text__contains=term)
        return queryset

    def group_counts(self):
        """Every group in the fixed order with its count (zero included), in one query."""
        counts = dict(self.order_by().values_list("group").annotate(count=Count("pk")))
        return [
            GroupCount(group.value, group.label, counts.get(group.value, 0))
            for group in PrefectureGroup
        ]

    def first_of_each_group(self, limit):
        """At most ``limit`` supporters of each group, in this queryset's order, each with the
        size of its whole group (``group_size``): the directory top page's preview, one query
        whatever the number of supporters."""
        ranked = self.annotate(
            rank_in_group=Window(
                RowNumber(), partition_by=F("group"), order_by=self.query.order_by or ["pk"]
            ),
            group_size=Window(Count("pk"), partition_by=F("group")),
        )
        return ranked.filter(rank_in_group__lte=limit)

    def for_listing(self):
        """Only the columns the lists print."""
        return self.only(
            "name", "reading", "slug", "kind", "group", "prefecture", "municipality",
            "publish_municipality", "logo_small", "logo_width", "logo_height", "is_sample",
        )  # fmt: skip


class Supporter(PublishableModel):
    """A listing in the NEXT TOHOKU MEETUP サポーターズ directory."""

    class Kind(models.TextChoices):
        COMPANY = "company", "企業"
        ORGANISATION = "organisation", "団体"
        INDIVIDUAL = "individual", "個人"

    name = models.CharField("名称（表示名）", max_length=100)
    reading = models.CharField(
        "ふりがな", max_length=150, help_text="ひらがな又はカタカナ", validators=[validate_reading]
    )
    slug = models.SlugField(
        "URL 名",
        max_length=80,
        unique=True,
        blank=True,
        help_text="半角英小文字・数字・ハイフン。空欄にすると、ふりがなから作ります。",
    )
    kind = models.CharField("種別", max_length=20, choices=Kind.choices)
    prefecture = models.CharField(
        "都道府県", max_length=2, choices=PREFECTURES, blank=True, help_text="空欄はその他"
    )
    group = models.CharField(
        "地域区分",
        max_length=20,
        choices=PrefectureGroup.choices,
        editable=False,
        db_index=True,
    )
    municipality = models.CharField("市区町村", max_length=50, blank=True)
    introduction = models.TextField("紹介文", max_length=2000, blank=True)
    categories = models.ManyToManyField(
        Category, verbose_name="取組分野", blank=True, related_name="supporters"
    )
    website = models.URLField("ウェブサイト", blank=True)
    logo = models.ImageField(
        "ロゴ画像",
        upload_to="supporters/logos/",
        blank=True,
        validators=[validate_logo],
        help_text="PNG・JPEG・GIF・WebP、5MB・2,500万画素まで（SVG は使えません）。",
    )
    joined_on = models.DateField("参加日", null=True, blank=True)
    corporate_number = models.CharField(
        "法人番号",
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
        help_text="13桁の数字（企業・団体のみ、任意）。",
    )
    is_sample = models.BooleanField(
        "サンプル", default=False, help_text="表示確認用の架空のデータであることを示します。"
    )
    # What an individual agreed to publish. Companies and organisations always show these.
    publish_municipality = models.BooleanField(
        "市区町村を掲載する（個人）",
        default=False,
        help_text="個人の場合、本人が掲載に同意したときだけ市区町村を表示します。",
    )
    publish_website = models.BooleanField(
        "ウェブサイトを掲載する（個人）",
        default=False,
        help_text="個人の場合、本人が掲載に同意したときだけウェブサイトを表示します。",
    )

    # Computed in save(): never edited, never typed.
    reading_key = models.CharField(
        "並び順キー", max_length=320, editable=False, db_index=True, default=""
    )
    search_text = models.TextField("検索用テキスト", editable=False, default="")
    logo_small = models.FileField(
        "ロゴ（一覧用）", upload_to="supporters/logos/renditions/", editable=False, blank=True
    )
    logo_large = models.FileField(
        "ロゴ（詳細用）", upload_to="supporters/logos/renditions/", editable=False, blank=True
    )
    logo_width = models.PositiveIntegerField("ロゴの幅", null=True, editable=False)
    logo_height = models.PositiveIntegerField("ロゴの高さ", null=True, editable=False)
    logo_rendered_from = models.CharField(
        "縮小画像の元画像", max_length=255, blank=True, editable=False
    )

    objects = SupporterQuerySet.as_manager()

    history = HistoricalRecords(
        excluded_fields=[
            "created_at", "updated_at", "reading_key", "search_text", "logo_small",
            "logo_large", "logo_width", "logo_height", "logo_rendered_from",
        ]
    )  # fmt: skip

    # Saved with every partial save: derived values, and updated_at.
    COMPUTED_FIELDS = [
        "group", "reading", "corporate_number", "reading_key", "search_text", "slug", "updated_at",
    ]  # fmt: skip
    LOGO_FIELDS = ["logo", "logo_small", "logo_large", "logo_width", "logo_height", "logo_rendered_from"]  # fmt: skip

    class Meta:
        verbose_name = "サポーター"
        verbose_name_plural = "サポーターズ"
        ordering = ["reading_key", "pk"]
        indexes = [models.Index(fields=["group", "reading_key"], name="supporter_group_reading")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("supporters:detail", kwargs={"slug": self.slug})

    # Derived values ---------------------------------------------------------------------------

    def prepare(self):
        """Fill the computed fields. Called by save(); call it before ``bulk_create``."""
        self.reading = unicodedata.normalize("NFKC", self.reading or "").strip()
        self.corporate_number = unicodedata.normalize("NFKC", self.corporate_number or "").strip()
        self.group = group_for(self.prefecture)
        self.reading_key = reading_sort_key(self.reading)
        self.search_text = normalise_for_search(
            "\n".join([self.name, self.reading, self.introduction])
        )

    def clean(self):
        super().clean()
        if self.kind == self.Kind.INDIVIDUAL and self.corporate_number:
            raise ValidationError({"corporate_number": "個人の場合、法人番号は入力できません。"})

    def save(self, *args, **kwargs):
        self.prepare()
        if not self.slug:
            self.slug = unique_slug(Supporter, self.reading or self.name, exclude_pk=self.pk)
        logo_changed = self._update_logo_renditions()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = self.COMPUTED_FIELDS + (self.LOGO_FIELDS if logo_changed else [])
            kwargs["update_fields"] = set(update_fields) | set(extra)
        super().save(*args, **kwargs)

    def _update_logo_renditions(self):
        """Make the list and detail renditions when the logo changed (once, at save time).
        Returns True when the logo fields changed."""
        if self.logo and not self.logo._committed:
            # The public original is re-encoded (no EXIF, no trailing bytes) and stored under the
            # listing's name with its real format's extension, whatever the upload was called
            # (run validate_logo on uploads before saving).
            content, extension = clean_copy(self.logo.file)
            self.logo.save(f"{self.slug}{extension}", content, save=False)
        current = self.logo.name or ""
        if current == self.logo_rendered_from:
            return False
        stale = [name for name in (self.logo_small.name, self.logo_large.name) if name]
        self.logo_small = self.logo_large = ""
        self.logo_width = self.logo_height = None
        if current:
            try:
                renditions = make_renditions(self.logo)
            except Exception:  # a damaged stored file must not prevent saving the listing
                logger.warning("Could not make logo renditions for %s", current, exc_info=True)
            else:
                stem = Path(current).stem
                for key, rendition in renditions.items():
                    field = getattr(self, f"logo_{key}")
                    field.save(f"{stem}-{rendition.width}w.webp", rendition.content, save=False)
                self.logo_width = renditions["large"].width
                self.logo_height = renditions["large"].height
        self.logo_rendered_from = current
        if stale:
            storage = self.logo_small.storage
            transaction.on_commit(lambda: [storage.delete(name) for name in stale])
        return True

    # What the public pages and the open data show -------------------------------------------

    @property
    def is_individual(self):
        return self.kind == self.Kind.INDIVIDUAL

    @property
    def public_municipality(self):
        if self.is_individual and not self.publish_municipality:
            return ""
        return self.municipality

    @property
    def public_website(self):
        if self.is_individual and not self.publish_website:
            return ""
        return self.website

    @property
    def prefecture_name(self):
        return PREFECTURE_NAMES.get(self.prefecture, "")

    @property
    def location(self):
        """「宮城県仙台市」, or just the prefecture; empty when neither is public."""
        return f"{self.prefecture_name}{self.public_municipality}"

    @property
    def logo_small_size(self):
        """(width, height) of the list rendition, from the stored size of the large one."""
        if not (self.logo_width and self.logo_height):
            return (None, None)
        width = min(self.logo_width, RENDITION_WIDTHS["small"])
        return (width, max(1, round(self.logo_height * width / self.logo_width)))

    @property
    def logo_alt(self):
        return f"{self.name}のロゴ"

    @property
    def gbizinfo_url(self):
        return GBIZINFO_URL.format(self.corporate_number) if self.corporate_number else ""
