"""The one shape of the portal's Atom feeds: every URL from SITE_URL (as canonical links and the
sitemap), and dates that agree: an entry's ``updated`` never before its ``published``, and
neither in the future (the feed's own ``updated`` is the latest of them)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed


def absolute(path):
    """``/topics/`` → ``https://meetup.example.go.jp/topics/`` (SITE_URL's scheme and host)."""
    return f"{settings.SITE_URL}{path}"


class SiteFeed(Feed):
    """Subclasses name the feed's own URL (``url_name``) and the page it follows (``list_url_name``),
    and give each item's first publication (``item_published``) and last change
    (``item_changed``)."""

    feed_type = Atom1Feed
    url_name = None
    list_url_name = None

    def link(self):
        return absolute(reverse(self.list_url_name))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_published(self, item):
        raise NotImplementedError

    def item_changed(self, item):
        raise NotImplementedError

    def item_pubdate(self, item):
        return min(self.item_published(item), timezone.now())

    def item_updateddate(self, item):
        return min(max(self.item_changed(item), self.item_pubdate(item)), timezone.now())
