from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from applications.views import postal_prefix

from . import views
from .sitemaps import sitemaps

admin.site.site_header = "NEXT TOHOKU MEETUP 管理"
admin.site.site_title = "NEXT TOHOKU MEETUP 管理"
admin.site.index_title = "管理メニュー"


urlpatterns = [
    # Staff sign-in with a second factor; /admin/login/ here shadows the admin's own login.
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    re_path(r"^media/(?P<path>.+)$", views.media),
    path("apply/", include("applications.urls")),
    # Public postal-code tables for the form's address fill: outside /apply/, whose responses
    # are never stored, so that browsers and proxies may keep them.
    path("postal-codes/<str:prefix>.json", postal_prefix, name="postal-codes"),
    path("supporters/", include("supporters.urls")),
    # Registration (/events/<slug>/register/, /registrations/<token>/) before the event pages.
    path("", include("registrations.urls")),
    path("events/", include("events.urls")),
    path("", views.home, name="home"),
    path("", include("pages.urls")),
]

handler403 = "meetup_portal.views.permission_denied"
handler404 = "meetup_portal.views.not_found"
handler500 = "meetup_portal.views.server_error"
