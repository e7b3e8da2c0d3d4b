"""Pages that combine several apps (the home page) and the site's own plumbing: robots.txt, the
favicon, the health check and the error pages."""

import logging

from django.conf import settings
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from core.page_cache import cache_page_for_anonymous
from pages.models import Page, Topic
from supporters.models import Supporter

from . import health

logger = logging.getLogger(__name__)

HOME_TOPICS = 5


@cache_page_for_anonymous()
def home(request):
    topics = Topic.objects.live().only("title", "published_on", "category")[:HOME_TOPICS]
    about = Page.objects.live().filter(path="about").only("title", "summary", "path").first()
    context = {
        "topics": topics,
        "about": about,
        "supporter_groups": Supporter.objects.published().group_counts(),
    }
    return render(request, "home.html", context)


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


def media(request, path):
    """Public uploads (page attachments, logos) in local mode only. In production the front web
    server serves /media/ from DJANGO_MEDIA_ROOT (README, deploy/nginx.conf); personal data never
    lives there."""
    if not settings.DEBUG:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: each part's state as JSON; 503 naming the failing part
    when the database, the cache or private storage fails."""
    healthy, parts = health.report()
    return JsonResponse(parts, status=200 if healthy else 503)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without context processors or database access: the database may be the fault."""
    return HttpResponseServerError(get_template("500.html").render())
