from core.sitemaps import LiveSitemap

from .models import Page, Topic


class PageSitemap(LiveSitemap):
    model = Page
    fields = ("path",)
    changefreq = "monthly"


class TopicSitemap(LiveSitemap):
    model = Topic
    changefreq = "weekly"
