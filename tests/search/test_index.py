"""The index: the database's own (FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL), kept in
step on save and delete, rebuilt by a command, by seed_demo and after migrate."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.publishing import PublicationStatus
from search import backends, documents
from search.apps import index_after_migrate
from search.models import SearchEntry
from search.query import parse
from supporters.models import Category
from tests.events.factories import EventFactory
from tests.pages.factories import PageFactory, TopicFactory
from tests.supporters.factories import SupporterFactory, bulk_supporters

pytestmark = pytest.mark.django_db


def titles(q):
    query = parse(q)
    return sorted(SearchEntry.objects.live().matching(query).values_list("title", flat=True))


def sql_of_search(q):
    with CaptureQueriesContext(connection) as captured:
        list(SearchEntry.objects.live().matching(parse(q)).ranked(parse(q)))
    return captured.captured_queries[-1]["sql"]


def test_the_database_has_its_trigram_index():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE 'search_searchentry_fts%'"
            )
            names = {row[0] for row in cursor.fetchall()}
            assert backends.FTS_TABLE in names
            assert {
                f"{backends.FTS_TABLE}_{event}" for event in ("insert", "delete", "update")
            } <= names
            cursor.execute(f"SELECT sql FROM sqlite_master WHERE name = '{backends.FTS_TABLE}'")
            assert "tokenize='trigram'" in cursor.fetchone()[0]
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [backends.TRIGRAM_INDEX]
            )
            assert "gin_trgm_ops" in cursor.fetchone()[0]


def test_terms_of_three_characters_or_more_use_the_index_shorter_ones_scan():
    PageFactory(title="ネットワークの復興")
    long_sql, short_sql = sql_of_search("ネットワーク"), sql_of_search("復興")
    if connection.vendor == "sqlite":
        assert "MATCH" in long_sql and "MATCH" not in short_sql
        assert "LIKE" in short_sql
    else:
        assert "LIKE" in long_sql and "LIKE" in short_sql
    assert titles("ネットワーク 復興") == ["ネットワークの復興"]


def test_a_three_character_term_is_looked_up_in_the_index():
    PageFactory.create_batch(30)
    PageFactory(title="ネットワークの会")
    sql, params = SearchEntry.objects.matching(parse("ネットワーク")).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert f"SCAN {backends.FTS_TABLE} VIRTUAL TABLE" in plan, plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: can it use it?
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert backends.TRIGRAM_INDEX in plan, plan


def test_saving_and_deleting_keep_the_entries_in_step():
    page = PageFactory(title="旧い題名")
    assert titles("旧い") == ["旧い題名"]
    page.title = "新しい題名"
    page.save()
    assert titles("旧い") == [] and titles("新しい") == ["新しい題名"]
    page.delete()
    assert titles("題名") == []
    assert not SearchEntry.objects.exists()


def test_a_moved_page_gets_its_new_url_and_so_do_its_children():
    parent = PageFactory(slug="old")
    child = PageFactory(parent=parent, slug="child", title="子のページ")
    parent.slug = "new"
    parent.save()
    assert SearchEntry.objects.get(kind="page", object_id=child.pk).url == "/new/child/"


def test_a_supporters_categories_are_searched_and_follow_changes():
    supporter = SupporterFactory(name="杜の会", categories=["startups"])
    label = Category.objects.get(code="startups").label
    assert titles(label) == ["杜の会"]
    supporter.categories.clear()
    assert titles(label) == []
    Category.objects.get(code="learning").supporters.add(supporter)  # from the other side
    assert titles(Category.objects.get(code="learning").label) == ["杜の会"]
    Category.objects.get(code="learning").supporters.clear()
    assert titles(Category.objects.get(code="learning").label) == []


def test_an_events_changed_state_changes_its_title():
    event = EventFactory(title="交流会")
    event.state = "cancelled"
    event.save()
    assert titles("中止") == ["【中止】交流会"]


def test_drafts_are_kept_but_never_live():
    PageFactory(title="下書き", status=PublicationStatus.DRAFT)
    assert SearchEntry.objects.filter(title="下書き").exists()
    assert titles("下書き") == []


def test_bulk_inserts_are_indexed_by_the_rebuild_command(client, capsys):
    bulk_supporters(3)
    assert titles("一括サポーター") == []  # bulk_create sends no signals
    assert "0件" in client.get("/search/", {"q": "一括サポーター"}).content.decode()
    call_command("rebuild_search_index")
    assert len(titles("一括サポーター")) == 3
    assert "rebuild_search_index: 3 entries" in capsys.readouterr().out
    # the cached result page made from the old entries is not served again
    assert "3件" in client.get("/search/", {"q": "一括サポーター"}).content.decode()


def test_seed_demo_indexes_its_synthetic_volume():
    call_command("seed_demo", verbosity=0, supporters=5, events=4, topics=3, pages=2)
    counts = Counter(SearchEntry.objects.live().values_list("kind", flat=True))
    assert counts["supporter"] >= 5 and counts["event"] >= 4
    assert len(titles("サンプル お知らせ No.")) == 3
    assert len(titles("サンプル 記録")) == 2
    call_command("seed_demo", verbosity=0, supporters=5, events=4, topics=3, pages=2)
    assert len(titles("サンプル お知らせ No.")) == 3  # idempotent


def test_content_that_predates_search_is_indexed_after_migrate():
    TopicFactory(title="以前からのお知らせ")
    SearchEntry.objects.all().delete()
    index_after_migrate(using="default")
    assert titles("以前から") == ["以前からのお知らせ"]
    before = SearchEntry.objects.count()
    index_after_migrate(using="default")  # an index that exists is left as it is
    assert SearchEntry.objects.count() == before


def test_a_lost_index_is_recreated_and_refilled():
    """SQLite's schema editor rebuilds a table it alters, and drops its triggers with it;
    after every migrate (and by rebuild_search_index) the index is made again."""
    PageFactory(title="ネットワーク")
    backends.drop_index(connection)
    assert backends.ensure_index(connection) is True
    assert titles("ネットワーク") == ["ネットワーク"]
    PageFactory(title="ネットワーク二")
    assert titles("ネットワーク") == ["ネットワーク", "ネットワーク二"]
    assert backends.ensure_index(connection) is False


def test_the_entries_hold_the_text_as_shown_and_a_folded_copy():
    page = PageFactory(
        title="ＡＢＣ　ﾈｯﾄﾜｰｸ", body='<p>本文<a href="https://example.com/">外へ</a></p>'
    )
    entry = SearchEntry.objects.get(kind="page", object_id=page.pk)
    assert entry.title == "ＡＢＣ　ﾈｯﾄﾜｰｸ"  # as typed
    assert entry.title_folded == "abc ねっとわーく"
    assert "外部サイト" not in entry.body  # the text, not the rendered markers
    assert entry.url == page.get_absolute_url()
    assert documents.MAX_BODY >= len(entry.body)
