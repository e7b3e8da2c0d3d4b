from django.contrib.sitemaps import Sitemap

from .models import Page, Topic


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.live().only("path", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.live().only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at
