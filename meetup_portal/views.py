"""Pages that combine several apps (the home page) and the site's own plumbing: robots.txt, the
favicon, the health check and the error pages."""

import logging

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from applications.views import csrf_failure as application_csrf_failure
from core.page_cache import cache_page_for_anonymous
from pages.models import Page, Topic
from registrations.survey_views import csrf_failure as survey_csrf_failure
from registrations.views import csrf_failure as registration_csrf_failure
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


@require_safe
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": f"{settings.SITE_URL}/sitemap.xml"},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
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
@require_safe
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


# What each admin view lets an account do, for the 403 page: "「申込み」の一覧の表示".
ADMIN_VIEW_ACTIONS = {
    "changelist": "一覧の表示",
    "add": "追加",
    "change": "表示・変更",
    "delete": "削除",
    "history": "変更履歴の表示",
    "simple_history": "過去の版の表示",
}


def denied_admin_action(request):
    """In Japanese, what the refused admin page would have let this account do, or ""."""
    match = request.resolver_match
    if match is None or match.namespace != "admin":
        return ""
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if match.url_name.startswith(prefix):
            action = ADMIN_VIEW_ACTIONS.get(match.url_name.removeprefix(prefix), "操作")
            return f"「{model._meta.verbose_name_plural}」の{action}"
    return ""


def admin_page_context(request, title):
    return {**admin.site.each_context(request), "title": title}


def permission_denied(request, exception=None):
    """The staff side gets its own page in the admin's layout: what this account cannot do and
    the way back to 管理メニュー. The exception's text is never shown."""
    if request.path.startswith("/admin/"):
        context = admin_page_context(request, "この操作はできません")
        context["denied_action"] = denied_admin_action(request)
        return render(request, "admin/403.html", context, status=403)
    return render(request, "403.html", status=403)


@never_cache
def csrf_failure(request, reason=""):
    """A form sent with a missing or stale CSRF token. In the admin: a Japanese page that says
    what happened and what to do; elsewhere the registration's or the application's own handling
    (each keeps what was typed in its form)."""
    if request.path.startswith("/admin/"):
        context = admin_page_context(request, "送信を受け付けられませんでした")
        return render(request, "admin/csrf_failure.html", context, status=403)
    for handler in (registration_csrf_failure, survey_csrf_failure):
        response = handler(request, reason=reason)
        if response is not None:
            return response
    return application_csrf_failure(request, reason=reason)
