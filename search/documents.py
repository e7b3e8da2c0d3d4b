"""What search knows of each public item: its title, the text it shows (rich text as plain text,
attachment titles, where and by whom), its date and URL, and its publication fields. One
function per kind; ``index``, ``unindex`` and ``rebuild`` keep the entries in step."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.history import html_to_text
from core.page_cache import content_changed
from events.models import Event
from pages.models import Page, Topic
from supporters.models import Supporter

from .models import Kind, SearchEntry
from .query import fold

MAX_BODY = 20_000  # characters of text kept per item (snippets and matching)
BATCH = 500


def _text(*parts):
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _attachment_titles(item):
    return [attachment.title for attachment in item.attachments.all()]


def page_document(page):
    return {
        "title": page.title,
        "body": _text(page.summary, html_to_text(page.body), *_attachment_titles(page)),
        "date": timezone.localdate(page.updated_at) if page.updated_at else None,
    }


def topic_document(topic):
    return {
        "title": topic.title,
        "body": _text(topic.summary, html_to_text(topic.body), *_attachment_titles(topic)),
        "date": topic.published_on,
    }


def event_document(event):
    return {
        "title": event.display_title,
        "body": _text(
            event.summary,
            event.state_note,
            event.location_text,
            *event.organiser_names,
            *event.co_organiser_names,
            event.audience,
            html_to_text(event.body),
            html_to_text(event.report),
            *_attachment_titles(event),
        ),
        "date": timezone.localdate(event.starts_at),
    }


def supporter_document(supporter):
    """Only what the public listing shows: an individual's municipality only when published."""
    return {
        "title": supporter.name,
        "reading": supporter.reading,
        "body": _text(
            supporter.introduction,
            supporter.location,
            "、".join(category.label for category in supporter.categories.all()),
        ),
        "date": supporter.joined_on,
    }


@dataclass(frozen=True)
class Source:
    kind: str
    model: type
    document: object
    prefetch: tuple


SOURCES = [
    Source(Kind.PAGE, Page, page_document, ("attachments",)),
    Source(Kind.TOPIC, Topic, topic_document, ("attachments",)),
    Source(Kind.EVENT, Event, event_document, ("attachments",)),
    Source(Kind.SUPPORTER, Supporter, supporter_document, ("categories",)),
]
SOURCE_OF_MODEL = {source.model: source for source in SOURCES}


def entry_fields(source, item):
    document = source.document(item)
    body = document["body"][:MAX_BODY]
    return {
        "title": document["title"],
        "title_folded": fold(document["title"]),
        "body": body,
        "folded": fold(_text(document["title"], document.get("reading", ""), body)),
        "date": document["date"],
        "url": item.get_absolute_url(),
        "status": item.status,
        "publish_from": item.publish_from,
        "publish_until": item.publish_until,
    }


def index(item):
    """Create or update the entry of one page, topic, event or supporter."""
    source = SOURCE_OF_MODEL[type(item)]
    SearchEntry.objects.update_or_create(
        kind=source.kind, object_id=item.pk, defaults=entry_fields(source, item)
    )


def unindex(model, pk):
    SearchEntry.objects.filter(kind=SOURCE_OF_MODEL[model].kind, object_id=pk).delete()


def reindex(model, pk):
    """The entry of the row ``pk`` of ``model`` as it is stored now (gone if the row is)."""
    item = model._default_manager.filter(pk=pk).first()
    if item is None:
        unindex(model, pk)
    else:
        index(item)


def rebuild(stdout=None):
    """Every entry made afresh from the content, in one transaction. Returns the number."""
    total = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for source in SOURCES:
            items = source.model._default_manager.order_by("pk").prefetch_related(*source.prefetch)
            batch = []
            for item in items.iterator(chunk_size=BATCH):
                batch.append(
                    SearchEntry(kind=source.kind, object_id=item.pk, **entry_fields(source, item))
                )
                if len(batch) == BATCH:
                    total += len(SearchEntry.objects.bulk_create(batch))
                    batch = []
            total += len(SearchEntry.objects.bulk_create(batch))
            if stdout is not None:
                stdout.write(f"  search index: {source.model._meta.verbose_name_plural} done")
    content_changed()  # cached result pages were made from the old entries
    return total


def rebuild_if_empty():
    """After ``migrate``: an installation whose content predates search gets its entries."""
    if SearchEntry.objects.exists():
        return 0
    if not any(source.model._default_manager.exists() for source in SOURCES):
        return 0
    return rebuild()
