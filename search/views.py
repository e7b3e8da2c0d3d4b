import datetime
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.page_cache import cache_page_for_anonymous
from core.prefectures import PrefectureGroup
from pages.models import Page

from .models import Kind, SearchEntry
from .query import parse
from .snippets import highlight, snippet

RESULTS_PER_PAGE = 20
SEARCH_TITLE = "サイト内検索"
SITEMAP_TITLE = "サイトマップ"


KIND_LABELS = dict(Kind.choices)


@dataclass(frozen=True)
class Result:
    """One result as the page prints it: the title and a snippet with the matches marked."""

    url: str
    kind_label: str
    date: datetime.date | None
    date_label: str
    title: str
    snippet: str

    @classmethod
    def of(cls, entry, terms):
        return cls(
            url=entry.url,
            kind_label=KIND_LABELS[entry.kind],
            date=entry.date,
            date_label=entry.date_label,
            title=highlight(entry.title, terms),
            snippet=snippet(entry.body, terms) if entry.body else "",
        )


def _kind_links(query, kind, counts):
    """すべて and each kind with its count; a kind without results is no link."""
    links = [("", "すべて", sum(counts.values()))]
    links += [(value, label, counts.get(value, 0)) for value, label in Kind.choices]
    return [
        {
            "label": label,
            "count": count,
            "url": "?" + urlencode({"q": query.text, **({"kind": value} if value else {})}),
            "current": value == kind,
        }
        for value, label, count in links
    ]


# The parameters a cached result page may vary by; any other parameter is searched afresh.
SEARCH_PARAMETERS = ("q", "kind", "page")


@require_safe
@cache_page_for_anonymous(query=SEARCH_PARAMETERS)
def search(request):
    """Pages, topics, events and supporters, live ones only, best first; two queries whatever
    the data: every match's key and kind in rank order (one pass over the index gives the order,
    the count of each kind and the page), then the page's entries by primary key. A result page
    is kept in the page cache like any list: the index changes only with the content, in the
    same transaction, and the content version retires with every change and at every
    publish-from/until (core.page_cache). Search terms are neither logged nor kept
    (deploy/nginx.conf leaves them out of the access log)."""
    query = parse(request.GET.get("q"))
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    context = {
        "query": query,
        "kind": kind,
        "title": f"「{query.text}」の検索結果" if query else SEARCH_TITLE,
        "breadcrumbs": [(SEARCH_TITLE, None)],
    }
    if query:
        ranked = SearchEntry.objects.live().matching(query).ranked(query)
        keys = list(ranked.values_list("pk", "kind"))
        counts = Counter(entry_kind for _, entry_kind in keys)
        shown = [pk for pk, entry_kind in keys if not kind or entry_kind == kind]
        page_obj = Paginator(shown, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        fields = ("kind", "title", "body", "date", "url")
        entries = SearchEntry.objects.only(*fields).in_bulk(page_obj.object_list)
        terms = [term.folded for term in query.terms]
        context |= {
            "total": sum(counts.values()),
            "count": len(shown),
            "kind_label": Kind(kind).label if kind else "",
            "kind_links": _kind_links(query, kind, counts),
            "page_obj": page_obj,
            "results": [Result.of(entries[pk], terms) for pk in page_obj],
            "query_string": urlencode({"q": query.text, **({"kind": kind} if kind else {})}),
        }
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


# The site map's sections in the order of the global navigation (templates/includes/header.html);
# "page:<path>" is that page with the pages below it. The other top-level pages follow.
SECTIONS = ("page:about", "supporters", "events", "topics", "apply", "page:contact")


def _node(title, url, children=()):
    return {"title": title, "url": url, "children": list(children)}


def _page_trees():
    """{top-level path: node} of every live page whose parents are live too, in menu order."""
    pages = Page.objects.live().only("title", "path", "parent_id", "menu_order")
    children_of = {}
    for page in pages.order_by("menu_order", "title", "pk"):
        children_of.setdefault(page.parent_id, []).append(page)

    def node(page):
        return _node(page.title, page.get_absolute_url(), map(node, children_of.get(page.pk, [])))

    return {page.path: node(page) for page in children_of.get(None, [])}


def _app_sections():
    groups = [
        _node(
            f"{group.label}のサポーターズ",
            reverse("supporters:group", kwargs={"group": group.value}),
        )
        for group in PrefectureGroup
    ]
    return {
        "supporters": _node(
            "サポーターズ",
            reverse("supporters:index"),
            [
                *groups,
                _node("サポーターズを探す", reverse("supporters:search")),
                _node("サポーターズ一覧のオープンデータ", reverse("supporters:open-data")),
            ],
        ),
        "events": _node(
            "イベント",
            reverse("events:list"),
            [
                _node("開催済みのイベント", reverse("events:past")),
                _node("イベントカレンダー", reverse("events:calendar-current")),
            ],
        ),
        "topics": _node("トピックス", reverse("pages:topics")),
        "apply": _node("サポーターズ参加申込み", reverse("applications:input")),
    }


@require_safe
@cache_page_for_anonymous()
def sitemap(request):
    """Every public page of the page tree and the site's main sections, one query."""
    trees = _page_trees()
    apps = _app_sections()
    sections = []
    for name in SECTIONS:
        kind, _, path = name.partition(":")
        section = trees.pop(path, None) if kind == "page" else apps[name]
        if section:
            sections.append(section)
    sections += trees.values()
    sections.append(_node(SEARCH_TITLE, reverse("search:search")))
    context = {
        "title": SITEMAP_TITLE,
        "sections": sections,
        "breadcrumbs": [(SITEMAP_TITLE, None)],
    }
    return render(request, "search/sitemap.html", context)
