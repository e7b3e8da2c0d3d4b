from datetime import datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from core.feeds import SiteFeed

from .models import Topic


class TopicFeed(SiteFeed):
    url_name = "pages:topic-feed"
    list_url_name = "pages:topics"
    title = "NEXT TOHOKU MEETUP トピックス"
    subtitle = "東北経済産業局 NEXT TOHOKU MEETUP のお知らせ"

    def items(self):
        return Topic.objects.live()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or strip_tags(item.body)[:200]

    def item_published(self, item):
        return timezone.make_aware(datetime.combine(item.published_on, time(9, 0)))

    def item_changed(self, item):
        return item.updated_at

    def author_name(self):
        return settings.DEFAULT_FROM_EMAIL.split("<")[0].strip() or "NEXT TOHOKU MEETUP"
