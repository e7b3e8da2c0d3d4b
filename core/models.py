from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone

from .attachments import size_label, type_label, validate_attachment


class Attachment(models.Model):
    title = models.CharField("表示名", max_length=150)
    file = models.FileField(
        "ファイル",
        upload_to="attachments/%Y/%m/",
        validators=[validate_attachment],
        help_text="PDF・Word・Excel・PowerPoint、20MB まで。",
    )
    size = models.PositiveBigIntegerField("サイズ（バイト）", default=0, editable=False)
    order = models.PositiveIntegerField("表示順", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = "添付ファイル"
        verbose_name_plural = "添付ファイル"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def type_label(self):
        return type_label(self.file.name)

    @property
    def size_label(self):
        return size_label(self.size)


def outbox_kind_choices():
    """The kinds of mail every app registered (``core.outbox.register_kinds``)."""
    from .outbox import kind_choices

    return kind_choices()


class OutboxQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, now):
        """Unsent, not given up on, and past its back-off: what the worker sends next."""
        from django.conf import settings

        return (
            self.unsent()
            .filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
            .filter(models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now))
        )

    def failing(self):
        """Unsent after ``OUTBOX_ALERT_AFTER`` failed attempts: shown to staff in the admin."""
        from django.conf import settings

        return self.unsent().filter(attempts__gte=settings.OUTBOX_ALERT_AFTER)

    def owned_by(self, *models):
        """The mails about rows of ``models`` (an application; a registration or the session a
        survey mail is about)."""
        from django.contrib.contenttypes.models import ContentType

        types = ContentType.objects.get_for_models(*models).values()
        return self.filter(owner_type__in=types)


class OutboxMessage(models.Model):
    """An e-mail queued in the same transaction as the change that causes it; the worker
    (``manage.py run_worker``, ``core.outbox``) sends it. A failure stays here with its error and
    is retried with back-off at ``next_attempt_at``. ``owner`` is the row the mail is about (an
    application, a registration): the personal link in the body is made from it when the mail
    is sent, and the mail is deleted with that row's personal data."""

    kind = models.CharField("種類", max_length=40, choices=outbox_kind_choices)
    owner_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name="対象の種類",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_id = models.PositiveBigIntegerField("対象のID", null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    recipients = models.JSONField("宛先")
    subject = models.CharField("件名", max_length=200)
    body = models.TextField("本文")
    created_at = models.DateTimeField("作成日時", default=timezone.now)
    sent_at = models.DateTimeField("送信日時", null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField("送信試行回数", default=0)
    next_attempt_at = models.DateTimeField("次回の送信試行日時", null=True, blank=True)
    last_error = models.TextField("最後のエラー", blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = "送信メール"
        verbose_name_plural = "送信メール"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self):
        return self.subject


class AuditLogEntry(models.Model):
    """One entry of a domain's audit trail (pretix's LogEntry): who did what, when, with a dotted
    action code, a comment and JSON data. The app's concrete model adds the row it is about (a
    ForeignKey with ``related_name="logs"``) and ``from_status`` / ``to_status`` with its own
    choices; entries are never deleted or edited (retention blanks comment and data)."""

    action = models.CharField("操作", max_length=50)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="担当者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField("コメント", max_length=2000, blank=True)
    data = models.JSONField("詳細", default=dict, blank=True)
    created_at = models.DateTimeField("日時", default=timezone.now)

    ACTION_LABELS = {}

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @property
    def action_label(self):
        return self.ACTION_LABELS.get(self.action, self.action)


class LoggedModel(models.Model):
    """A model with an audit trail (``logs``, an AuditLogEntry subclass) and a ``status``: the
    one way to write it is ``log()``."""

    class Meta:
        abstract = True

    def log(self, action, *, actor=None, comment="", from_status="", **data):
        """``action`` (a dotted code, see the log model's ACTION_LABELS) taking the row from
        ``from_status`` to its current status, by ``actor`` (None: the person it is about, or
        the system), with JSON-safe ``data``."""
        return self.logs.create(
            action=action,
            from_status=from_status,
            to_status=self.status,
            actor=actor if actor is not None and actor.is_authenticated else None,
            comment=comment,
            data=data,
        )
