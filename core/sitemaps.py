"""Sitemap sections every app builds the same way: named views, and the live rows of a model."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteSitemap(Sitemap):
    """URLs on SITE_URL's scheme and host, as canonical links and feeds, whatever host the
    request came in on (no Sites framework)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class NamedViewSitemap(SiteSitemap):
    """Pages without a row of their own (lists, the form), by URL name."""

    names = ()

    def items(self):
        return list(self.names)

    def location(self, item):
        return reverse(item)


class LiveSitemap(SiteSitemap):
    """The live rows of a publishable model (``live()``: published, inside their window), with
    their last change. ``fields`` are what ``get_absolute_url`` needs."""

    model = None
    fields = ("pk",)

    def items(self):
        return self.model.objects.live().only(*self.fields, "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
