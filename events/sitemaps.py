from core.sitemaps import LiveSitemap, NamedViewSitemap

from .models import Event


class EventListSitemap(NamedViewSitemap):
    names = ("events:list", "events:past")
    changefreq = "daily"


class EventSitemap(LiveSitemap):
    model = Event
    fields = ("slug",)
    changefreq = "weekly"
