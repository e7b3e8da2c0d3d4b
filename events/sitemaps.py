from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class EventListSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["events:list", "events:past"]

    def location(self, item):
        return reverse(item)


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.live().only("slug", "updated_at").order_by("-starts_at", "-pk")

    def lastmod(self, item):
        return item.updated_at
