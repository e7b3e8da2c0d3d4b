"""Receivers: security log lines for sign-ins, and ending sessions when credentials change."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from . import sessions
from .clients import client_address

logger = logging.getLogger("accounts.security")
User = get_user_model()
WATCHED_FIELDS = {"password", "is_active"}


def _address(request):
    return client_address(request) if request is not None else "-"


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(sender, request, user, **kwargs):
    logger.info("login succeeded: %s from %s", user.get_username(), _address(request))
    if request is not None and hasattr(request, "session"):
        sessions.start(request, user)


@receiver(user_logged_out, dispatch_uid="accounts.signed_out")
def signed_out(sender, request, user, **kwargs):
    name = user.get_username() if user is not None else "-"
    logger.info("logout: %s from %s", name, _address(request))
    if request is not None and request.session.session_key:
        sessions.forget(request.session.session_key)


@receiver(user_login_failed, dispatch_uid="accounts.login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    logger.warning("login failed: %s from %s", credentials.get("username", "-"), _address(request))


@receiver(user_locked_out, dispatch_uid="accounts.locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    logger.warning("login locked out: %s from %s", username or "-", ip_address or "-")


@receiver(pre_save, sender=User, dispatch_uid="accounts.remember_credentials")
def remember_credentials(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None:
        return
    if update_fields is not None and not WATCHED_FIELDS & set(update_fields):
        return
    instance._accounts_previous = (
        sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    )


@receiver(post_save, sender=User, dispatch_uid="accounts.end_sessions_on_change")
def end_sessions_on_change(sender, instance, created, **kwargs):
    """Deactivating an account or changing its password ends its sessions on the server. The
    session of a user who changed their own password lives on: Django moves it to a new key."""
    previous = instance.__dict__.pop("_accounts_previous", None)
    if created or previous is None:
        return
    if previous["is_active"] and not instance.is_active:
        sessions.end_sessions(instance, "account deactivated")
    elif previous["password"] != instance.password:
        sessions.end_sessions(instance, "password changed")
