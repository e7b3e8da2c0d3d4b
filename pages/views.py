from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core.page_cache import cache_page_for_anonymous
from core.preview import mark_preview, preview_or_404

from .models import Page, Topic

TOPICS_PER_PAGE = 20


@cache_page_for_anonymous()
def page_detail(request, path):
    page = get_object_or_404(Page.objects.select_related("parent"), path=path)
    preview = preview_or_404(request, page, "pages.view_page")
    ancestors = page.ancestors()
    children = list(page.children.live().defer("body"))
    context = {
        "page": page,
        "breadcrumbs": [(a.title, a.get_absolute_url()) for a in ancestors] + [(page.title, None)],
        "children": children,
        "section": _section(page, ancestors, children),
        "attachments": page.attachments.all(),
        "preview": preview,
    }
    return mark_preview(render(request, "pages/page_detail.html", context), preview)


def _section(page, ancestors, children):
    """The sub-navigation of a page in a tree: its parent and the pages beside it, or, for a
    page at the top, itself and the pages below it. None for a page on its own."""
    parent = ancestors[-1] if ancestors else None
    if page.parent_id and parent is not None and parent.is_live():
        siblings = Page.objects.live().filter(parent_id=page.parent_id)
        return {"root": parent, "pages": list(siblings.only("title", "path", "menu_order"))}
    if not page.parent_id and children:
        return {"root": page, "pages": children}
    return None


@cache_page_for_anonymous(query=("page",))
def topic_list(request):
    paginator = Paginator(
        Topic.objects.live().only("title", "published_on", "category", "summary"), TOPICS_PER_PAGE
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {"page_obj": page_obj, "breadcrumbs": [("トピックス", None)]}
    return render(request, "pages/topic_list.html", context)


@cache_page_for_anonymous()
def topic_detail(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    preview = preview_or_404(request, topic, "pages.view_topic")
    context = {
        "topic": topic,
        "attachments": topic.attachments.all(),
        "preview": preview,
        "breadcrumbs": [("トピックス", reverse("pages:topics")), (topic.title, None)],
    }
    return mark_preview(render(request, "pages/topic_detail.html", context), preview)
