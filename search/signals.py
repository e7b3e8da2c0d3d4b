"""The index follows every save and delete of pages, topics, events and supporters, of their
attachments and of a supporter's categories, inside the same transaction: a page cached under
the next content version (core.page_cache retires it on commit) never sees an old entry.

Bulk inserts send no signals: seed_demo rebuilds the index after its synthetic volume
(search/demo.py), and ``manage.py rebuild_search_index`` rebuilds it by hand."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from events.models import Event, EventAttachment
from pages.models import Page, PageAttachment, Topic, TopicAttachment
from supporters.models import Supporter

from . import documents

# attachment model -> (owner model, the attachment's field naming its owner)
ATTACHMENTS = {
    PageAttachment: (Page, "page_id"),
    TopicAttachment: (Topic, "topic_id"),
    EventAttachment: (Event, "event_id"),
}


def item_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata writes rows as they are; rebuild_search_index afterwards
        documents.index(instance)


def item_deleted(sender, instance, **kwargs):
    documents.unindex(sender, instance.pk)


def attachment_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        owner, field = ATTACHMENTS[sender]
        documents.reindex(owner, getattr(instance, field))


def categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # supporter.categories.set(...)
        if action.startswith("post_"):
            documents.reindex(Supporter, instance.pk)
    elif action == "pre_clear":  # category.supporters.clear(): note whom it concerns
        instance._search_cleared = list(instance.supporters.values_list("pk", flat=True))
    elif action.startswith("post_"):
        pks = pk_set if pk_set is not None else getattr(instance, "_search_cleared", [])
        for pk in pks:
            documents.reindex(Supporter, pk)


def connect():
    for source in documents.SOURCES:
        uid = f"search-{source.model._meta.label}"
        post_save.connect(item_saved, sender=source.model, dispatch_uid=uid)
        post_delete.connect(item_deleted, sender=source.model, dispatch_uid=uid)
    for model in ATTACHMENTS:
        uid = f"search-{model._meta.label}"
        post_save.connect(attachment_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(attachment_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        categories_changed, sender=Supporter.categories.through, dispatch_uid="search-categories"
    )
