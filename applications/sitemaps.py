from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ApplySitemap(Sitemap):
    """Only the public form; 確認, 完了 and status pages are personal and never listed."""

    changefreq = "monthly"

    def items(self):
        return ["applications:input"]

    def location(self, item):
        return reverse(item)
