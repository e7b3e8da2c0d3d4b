from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from pages.publishing import PublishableModel

from .categories import ActivityCategory
from .prefectures import PREFECTURES, PrefectureGroup, group_for


class Category(models.Model):
    """One of the eight activity categories (rows created by a migration)."""

    code = models.CharField("コード", max_length=40, unique=True, choices=ActivityCategory.choices)
    order = models.PositiveSmallIntegerField("表示順", default=0)

    class Meta:
        verbose_name = "取組分野"
        verbose_name_plural = "取組分野"
        ordering = ["order"]

    def __str__(self):
        return self.get_code_display()

    @property
    def label(self):
        return self.get_code_display()


class Supporter(PublishableModel):
    """A listing in the NEXT TOHOKU MEETUP サポーターズ directory."""

    class Kind(models.TextChoices):
        COMPANY = "company", "企業"
        ORGANISATION = "organisation", "団体"
        INDIVIDUAL = "individual", "個人"

    name = models.CharField("名称（表示名）", max_length=100)
    reading = models.CharField("ふりがな", max_length=150, help_text="ひらがな又はカタカナ")
    slug = models.SlugField("URL 名", max_length=80, unique=True)
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
    logo = models.ImageField("ロゴ画像", upload_to="supporters/logos/", blank=True)
    joined_on = models.DateField("参加日", null=True, blank=True)
    corporate_number = models.CharField("法人番号", max_length=13, blank=True)
    is_sample = models.BooleanField(
        "サンプル", default=False, help_text="表示確認用の架空のデータであることを示します。"
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "サポーター"
        verbose_name_plural = "サポーターズ"
        ordering = ["reading", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("supporters:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.group = group_for(self.prefecture)
        super().save(*args, **kwargs)
