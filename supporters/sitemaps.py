from django.urls import reverse

from core.prefectures import PrefectureGroup
from core.sitemaps import LiveSitemap, SiteSitemap

from .models import Supporter


class SupporterDirectorySitemap(SiteSitemap):
    """The directory, its seven group pages and the open-data page."""

    changefreq = "weekly"

    def items(self):
        return ["index", "open-data", *PrefectureGroup.values]

    def location(self, item):
        if item in PrefectureGroup.values:
            return reverse("supporters:group", kwargs={"group": item})
        return reverse(f"supporters:{item}")


class SupporterSitemap(LiveSitemap):
    model = Supporter
    fields = ("slug",)
    changefreq = "monthly"
