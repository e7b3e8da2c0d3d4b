from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from core.publishing import PublicationStatus, PublishableQuerySet

from . import backends

# Points a term earns a result: in the title as typed, in the title folded, in the text as
# typed; matching anywhere folded earns 1. Title above text, as typed above folded.
TITLE_AS_TYPED, TITLE_FOLDED, TEXT_AS_TYPED, FOLDED = 8, 4, 2, 1


class Kind(models.TextChoices):
    PAGE = "page", "ページ"
    TOPIC = "topic", "トピックス"
    EVENT = "event", "イベント"
    SUPPORTER = "supporter", "サポーターズ"


class SearchEntryQuerySet(PublishableQuerySet):
    """``live()`` (core.publishing) is read at query time: an item leaves the results when its
    publish-until passes, without a new index."""

    def matching(self, query):
        """Entries whose folded text holds every term of ``query`` (search.query.Query)."""
        return backends.matching(self, query.terms)

    def ranked(self, query):
        """Best first: the points of every term (title above text, as typed above folded),
        then newer above older (a topic's date, an event's start, a page's last change)."""
        score = Value(0)
        for term in query.terms:
            score += Case(
                When(GreaterThan(StrIndex("title", Value(term.typed)), 0), then=TITLE_AS_TYPED),
                default=0,
            )
            score += Case(
                When(
                    GreaterThan(StrIndex("title_folded", Value(term.folded)), 0), then=TITLE_FOLDED
                ),
                default=0,
            )
            score += Case(
                When(GreaterThan(StrIndex("body", Value(term.typed)), 0), then=TEXT_AS_TYPED),
                default=0,
            )
        return self.annotate(score=Value(FOLDED * len(query.terms)) + score).order_by(
            F("score").desc(), F("date").desc(nulls_last=True), "kind", "pk"
        )


class SearchEntry(models.Model):
    """One public item as search reads it: kept in step with its page, topic, event or supporter
    on every save and delete (search.signals). ``title`` and ``body`` are the text as shown,
    for results and snippets; ``folded`` (title, reading and body, core.kana's folding) is only
    matched. The publication fields are copied so that ``live()`` applies at query time."""

    kind = models.CharField("種類", max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField("対象の ID")
    title = models.CharField("タイトル", max_length=300)
    title_folded = models.TextField("タイトル（照合用）")
    body = models.TextField("本文（抜粋用）", blank=True)
    folded = models.TextField("照合用テキスト")
    date = models.DateField("日付", null=True, blank=True)
    url = models.CharField("URL", max_length=300)
    status = models.CharField("公開状態", max_length=16, choices=PublicationStatus.choices)
    publish_from = models.DateTimeField("公開開始日時", null=True, blank=True)
    publish_until = models.DateTimeField("公開終了日時", null=True, blank=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "検索索引"
        verbose_name_plural = "検索索引"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_per_object")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def date_label(self):
        return DATE_LABELS[self.kind]


DATE_LABELS = {
    Kind.PAGE: "更新日",
    Kind.TOPIC: "掲載日",
    Kind.EVENT: "開催日",
    Kind.SUPPORTER: "参加日",
}
