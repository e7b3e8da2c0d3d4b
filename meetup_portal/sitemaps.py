from applications.sitemaps import ApplySitemap
from core.sitemaps import NamedViewSitemap
from events.sitemaps import EventListSitemap, EventSeriesSitemap, EventSitemap
from pages.sitemaps import PageSitemap, TopicSitemap
from supporters.sitemaps import SupporterDirectorySitemap, SupporterSitemap


class StaticViewSitemap(NamedViewSitemap):
    names = ("home", "pages:topics")
    changefreq = "daily"


sitemaps = {
    "static": StaticViewSitemap,
    "pages": PageSitemap,
    "topics": TopicSitemap,
    "apply": ApplySitemap,
    "supporter-directory": SupporterDirectorySitemap,
    "supporters": SupporterSitemap,
    "event-lists": EventListSitemap,
    "events": EventSitemap,
    "event-series": EventSeriesSitemap,
}
