"""Draft/published state shared by every kind of public content (pages, topics, and later
supporters and events): one definition of "public" used by lists, details, feeds and sitemaps."""

from django.db import models
from django.db.models import Min, Q
from django.utils import timezone


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "下書き"
    PUBLISHED = "published", "公開"


class PublishableQuerySet(models.QuerySet):
    # The instants at which a published row may change how it shows, whatever else happens.
    change_fields = ("publish_from", "publish_until")

    def live(self, now=None):
        """Published, and inside the publish-from / publish-until window."""
        now = now or timezone.now()
        return self.filter(
            Q(status=PublicationStatus.PUBLISHED),
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(publish_until__isnull=True) | Q(publish_until__gt=now),
        )

    def next_change(self, now=None):
        """The earliest instant after ``now`` at which a published row starts or stops showing
        (or changes otherwise, see ``change_fields``); None when nothing is scheduled. It bounds
        how long core.page_cache keeps a page."""
        now = now or timezone.now()
        instants = self.filter(status=PublicationStatus.PUBLISHED).aggregate(
            **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in self.change_fields}
        )
        return min(filter(None, instants.values()), default=None)


class PublishableModel(models.Model):
    status = models.CharField(
        "公開状態",
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    publish_from = models.DateTimeField(
        "公開開始日時",
        null=True,
        blank=True,
        help_text="空欄の場合は公開にした時点から表示します。",
    )
    publish_until = models.DateTimeField(
        "公開終了日時", null=True, blank=True, help_text="空欄の場合は期限なく表示します。"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_live(self, now=None):
        now = now or timezone.now()
        return (
            self.status == PublicationStatus.PUBLISHED
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or self.publish_until > now)
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {"publish_until": "公開終了日時は公開開始日時より後の日時を指定してください。"}
            )
