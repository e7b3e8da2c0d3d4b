from core.sitemaps import LiveSitemap, NamedViewSitemap

from .models import Event, EventSeries


class EventListSitemap(NamedViewSitemap):
    names = ("events:list", "events:past", "events:series-list")
    changefreq = "daily"


class EventSitemap(LiveSitemap):
    model = Event
    fields = ("slug",)
    changefreq = "weekly"


class EventSeriesSitemap(LiveSitemap):
    model = EventSeries
    fields = ("slug",)
    changefreq = "weekly"
