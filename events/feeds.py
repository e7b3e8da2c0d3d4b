from core.feeds import SiteFeed

from .formatting import when_text
from .models import Event

NEW_EVENTS = 20


class NewEventsFeed(SiteFeed):
    """Atom feed of newly published events, newest first."""

    url_name = "events:feed"
    list_url_name = "events:list"
    title = "NEXT TOHOKU MEETUP 新着イベント"
    subtitle = "東北経済産業局 NEXT TOHOKU MEETUP のイベント情報"
    author_name = "東北経済産業局"

    def items(self):
        return Event.objects.live().for_listing().order_by("-created_at", "-pk")[:NEW_EVENTS]

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        lines = [f"日時: {when_text(item)}", f"形式: {item.get_format_display()}"]
        if item.location_text:
            lines.append(f"場所: {item.location_text}")
        if item.summary:
            lines.append(item.summary)
        return "\n".join(lines)

    def item_published(self, item):
        return item.publish_from or item.created_at

    def item_changed(self, item):
        return item.updated_at
