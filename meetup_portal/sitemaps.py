from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from applications.sitemaps import ApplySitemap
from events.sitemaps import EventListSitemap, EventSitemap
from pages.sitemaps import PageSitemap, TopicSitemap
from supporters.sitemaps import SupporterDirectorySitemap, SupporterSitemap


class StaticViewSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "pages:topics"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "static": StaticViewSitemap,
    "pages": PageSitemap,
    "topics": TopicSitemap,
    "apply": ApplySitemap,
    "supporter-directory": SupporterDirectorySitemap,
    "supporters": SupporterSitemap,
    "event-lists": EventListSitemap,
    "events": EventSitemap,
}
