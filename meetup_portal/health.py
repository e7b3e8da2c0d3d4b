"""What ``/healthz`` reports, part by part. The database, the cache and private storage are
required: when one fails the portal answers 503 so that a load balancer takes the server out. The
oldest unsent mail is reported for monitoring only (a mail outage must not take the site down).
No error text reaches the answer; details go to the log."""

import logging
from uuid import uuid4

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Min
from django.utils import timezone

from applications.storage import private_storage
from core.cache import is_reachable as cache_is_reachable
from core.models import OutboxMessage

logger = logging.getLogger(__name__)


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def cache_part():
    return "ok" if cache_is_reachable() else "unavailable"


def private_storage_part():
    name = private_storage.save(f"healthz/{uuid4().hex}", ContentFile(b"ok"))
    private_storage.delete(name)
    return "ok"


def mail():
    oldest = OutboxMessage.objects.unsent().aggregate(oldest=Min("created_at"))["oldest"]
    if oldest is None:
        return {"status": "ok", "oldest_unsent_seconds": None}
    age = int((timezone.now() - oldest).total_seconds())
    late = age > settings.HEALTHZ_MAIL_LATE_SECONDS
    return {"status": "late" if late else "ok", "oldest_unsent_seconds": age}


REQUIRED = {"database": database, "cache": cache_part, "private_storage": private_storage_part}


def report():
    """(healthy, parts): each required part "ok" or "unavailable", and the mail backlog."""
    parts = {}
    for name, check in REQUIRED.items():
        try:
            parts[name] = check()
        except Exception:  # any failure means "unavailable"; the details go to the log only
            logger.exception("Health check of %s failed", name)
            parts[name] = "unavailable"
    healthy = all(parts[name] == "ok" for name in REQUIRED)
    if parts["database"] == "ok":
        try:
            parts["mail"] = mail()
        except Exception:
            logger.exception("Health check of the outbox failed")
            parts["mail"] = {"status": "unknown"}
    failing = [name for name in REQUIRED if parts[name] != "ok"]
    return healthy, {"status": "ok" if healthy else "error", "failing": failing, **parts}
