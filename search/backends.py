"""The database's own index of the folded text (no outside service).

SQLite 3.34 and later: an FTS5 table with the trigram tokenizer over ``folded``, an
external-content table kept in step with ``search_searchentry`` by triggers. A term of three or
more characters is matched through it (a quoted string is a phrase of trigrams: a substring);
a shorter one, which has no trigram, scans the folded text of the entries left.

PostgreSQL: pg_trgm's GIN trigram index on ``folded``; ``LIKE '%term%'`` uses it for three or
more characters, and one- and two-character terms scan the entries (a few thousand short rows).

Other databases (or an older SQLite) scan with LIKE: the same results, without an index.
"""

import sqlite3

from django.db import connections
from django.db.models.expressions import RawSQL

TABLE = "search_searchentry"
FTS_TABLE = "search_searchentry_fts"
TRIGRAM_INDEX = "search_entry_folded_trgm"

SQLITE_TRIGRAM = (3, 34, 0)  # the first SQLite with FTS5's trigram tokenizer

_SQLITE_INDEX = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        folded, content='{TABLE}', content_rowid='id', tokenize='trigram')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, folded) VALUES (new.id, new.folded);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, folded) VALUES ('delete', old.id, old.folded);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF folded ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, folded) VALUES ('delete', old.id, old.folded);
        INSERT INTO {FTS_TABLE}(rowid, folded) VALUES (new.id, new.folded);
    END""",
]
_SQLITE_INDEX_OBJECTS = {
    FTS_TABLE: "table",
    f"{FTS_TABLE}_insert": "trigger",
    f"{FTS_TABLE}_delete": "trigger",
    f"{FTS_TABLE}_update": "trigger",
}


def uses_fts5(connection):
    return connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= SQLITE_TRIGRAM


def ensure_index(connection):
    """Create the index where it is missing: by the migration, and after every ``migrate``
    (SQLite's schema editor rebuilds a table it alters, and its triggers go with it). Returns
    True when something was created (the FTS table is then filled from the entries)."""
    with connection.cursor() as cursor:
        if uses_fts5(connection):
            cursor.execute(
                "SELECT name, type FROM sqlite_master WHERE name LIKE %s", [f"{FTS_TABLE}%"]
            )
            present = set(cursor.fetchall())
            if set(_SQLITE_INDEX_OBJECTS.items()) <= present:
                return False
            for statement in _SQLITE_INDEX:
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [TRIGRAM_INDEX])
            if cursor.fetchone():
                return False
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON {TABLE} "
                "USING gin (folded gin_trgm_ops)"
            )
            return True
    return False


def drop_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name, kind in reversed(_SQLITE_INDEX_OBJECTS.items()):
                cursor.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def fts_phrases(texts):
    """An FTS5 query in which every text must occur: each one a quoted string (a phrase of
    trigrams, i.e. a substring), ``"`` doubled inside; nothing else is syntax."""
    return " AND ".join('"{}"'.format(text.replace('"', '""')) for text in texts)


def matching(queryset, terms):
    """``queryset`` narrowed to the entries whose folded text holds every term."""
    connection = connections[queryset.db]
    if uses_fts5(connection):
        indexed = [term.folded for term in terms if not term.is_short]
        if indexed:
            rows = RawSQL(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (fts_phrases(indexed),)
            )
            queryset = queryset.filter(pk__in=rows)
        terms = [term for term in terms if term.is_short]
    for term in terms:
        queryset = queryset.filter(folded__contains=term.folded)
    return queryset
