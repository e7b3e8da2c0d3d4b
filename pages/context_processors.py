from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import SiteSettings


def site(request):
    """Site-wide values for the base layout; the settings row is loaded only when a template
    prints it, and then from the shared cache."""
    return {
        "site_settings": SimpleLazyObject(SiteSettings.load),
        "site_url": settings.SITE_URL,
        "site_name": "NEXT TOHOKU MEETUP",
    }
