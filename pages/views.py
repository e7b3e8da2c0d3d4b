import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from supporters.models import Supporter

from .models import Page, Topic
from .page_cache import cache_for_anonymous
from .preview import mark_preview, preview_or_404

logger = logging.getLogger(__name__)

TOPICS_PER_PAGE = 20
HOME_TOPICS = 5


@cache_for_anonymous
def home(request):
    topics = Topic.objects.live().only("title", "published_on", "category")[:HOME_TOPICS]
    about = Page.objects.live().filter(path="about").only("title", "summary", "path").first()
    context = {
        "topics": topics,
        "about": about,
        "supporter_groups": Supporter.objects.published().group_counts(),
    }
    return render(request, "pages/home.html", context)


@cache_for_anonymous
def page_detail(request, path):
    page = get_object_or_404(Page.objects.select_related("parent"), path=path)
    preview = preview_or_404(request, page, "pages.view_page")
    ancestors = page.ancestors()
    context = {
        "page": page,
        "breadcrumbs": [(a.title, a.get_absolute_url()) for a in ancestors] + [(page.title, None)],
        "children": page.children.live().defer("body"),
        "attachments": page.attachments.all(),
        "preview": preview,
    }
    return mark_preview(render(request, "pages/page_detail.html", context), preview)


@cache_for_anonymous
def topic_list(request):
    paginator = Paginator(
        Topic.objects.live().only("title", "published_on", "category", "summary"), TOPICS_PER_PAGE
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {"page_obj": page_obj, "breadcrumbs": [("トピックス", None)]}
    return render(request, "pages/topic_list.html", context)


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


@require_GET
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": f"{settings.SITE_URL}/sitemap.xml"},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def favicon(request):
    return redirect(static("img/favicon.png"), permanent=True)


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"; details go to the log only
        logger.exception("Health check failed")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
