from django import template
from django.utils import timezone

from .. import dates
from ..attachments import size_label
from ..page_cache import content_version
from ..panels import render as render_panels

register = template.Library()


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def nav_item(context, href, label):
    """A global-navigation link, marked as current for its whole section."""
    path = context["request"].path
    return {"href": href, "label": label, "exact": path == href, "current": path.startswith(href)}


@register.filter
def filesize(size):
    """「1.2MB」 / 「350KB」."""
    return size_label(size)


@register.filter
def wareki(value):
    """「令和8年11月24日」."""
    return dates.wareki(value)


@register.filter
def japanese_date(value, with_weekday=True):
    """「2021年3月1日（月）」."""
    return dates.japanese_date(value, with_weekday=with_weekday)


@register.filter
def machine_datetime(value):
    """For ``<time datetime>``: local ISO 8601 to the second (「2026-12-02T10:05:00+09:00」); HTML
    allows at most three digits of a fraction of a second, Django's ``date:'c'`` gives six."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag
def panels(slot, obj):
    """The sections other apps add to this page (see ``core.panels``)."""
    return render_panels(slot, obj)


@register.simple_tag
def page_version():
    """The page cache's content version, to key ``{% cache %}`` fragments on:
    ``{% page_version as version %}{% cache 600 "name" version %}…{% endcache %}``."""
    return content_version()
