from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def index_after_migrate(using="default", **kwargs):
    """After every ``migrate``: the database's index exists (SQLite's schema editor rebuilds a
    table it alters, without its triggers), and content that predates search is indexed."""
    from . import backends, documents
    from .models import SearchEntry

    connection = connections[using]
    if SearchEntry._meta.db_table not in connection.introspection.table_names():
        return  # search's own migrations have not run (or were reversed)
    backends.ensure_index(connection)
    documents.rebuild_if_empty()


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "サイト内検索"

    def ready(self):
        from . import signals

        signals.connect()
        post_migrate.connect(index_after_migrate, sender=self)
