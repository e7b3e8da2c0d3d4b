from django.conf import settings
from django.db import models


class AccessAction(models.TextChoices):
    """What was done with personal data. Codes are dotted, ``<object>.<verb>``."""

    APPLICATION_VIEW = "application.view", "申込みの閲覧"
    APPLICATION_PDF = "application.pdf", "申込みPDFのダウンロード"
    APPLICATION_UPLOAD = "application.upload", "添付ファイルのダウンロード"
    APPLICATIONS_EXPORT = "applications.export", "申込みのCSV出力"
    APPLICATIONS_LIST = "applications.list", "申込み一覧の閲覧・検索"
    APPLICATION_HISTORY = "application.history", "申込みの変更履歴の閲覧"
    REVIEW_DASHBOARD = "review.dashboard", "審査状況の閲覧・出力"
    OUTBOX_LIST = "outbox.list", "送信メール一覧の閲覧"
    OUTBOX_VIEW = "outbox.view", "送信メールの閲覧"
    REGISTRATION_VIEW = "registration.view", "参加申込みの閲覧"
    REGISTRATIONS_LIST = "registrations.list", "参加申込み一覧の閲覧・検索"
    REGISTRATIONS_EXPORT = "registrations.export", "参加申込みのCSV出力"
    REGISTRATIONS_MESSAGE = "registrations.message", "参加申込者への一斉メール"
    REGISTRATION_CHANGE = "registration.change", "参加申込みの登録・キャンセル（事務局）"
    ATTENDANCE_VIEW = "attendance.view", "出席状況の閲覧・出力"
    CHECK_IN = "registration.check_in", "受付（出席の記録）"
    CERTIFICATE = "registration.certificate", "参加証明書の発行"
    SURVEY_RESULTS = "survey.results", "アンケート結果の閲覧・出力"
    ACCOUNT_DEVICES_RESET = "account.devices_reset", "二段階認証のリセット"
    ACCESS_LOG_EXPORT = "access_log.export", "アクセスログの出力"


class AccessLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an access-log row."""


class AccessLogQuerySet(models.QuerySet):
    def delete(self):
        raise AccessLogIsAppendOnly("アクセスログは削除できません。")

    def update(self, **kwargs):
        raise AccessLogIsAppendOnly("アクセスログは変更できません。")


class AccessLogEntry(models.Model):
    """One access to personal data: who, when, what, from where. Rows are only ever added. The
    user's name is copied so that exports read on their own; ``user`` is empty for commands."""

    created_at = models.DateTimeField("日時", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ユーザー",
        # An account that has touched personal data is deactivated, never deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField("ユーザー名", max_length=150, db_index=True)
    action = models.CharField("操作", max_length=64, choices=AccessAction.choices, db_index=True)
    target_label = models.CharField("対象", max_length=200, blank=True, db_index=True)
    target_id = models.CharField("対象ID", max_length=64, blank=True)
    client_address = models.GenericIPAddressField("接続元アドレス", null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = "個人情報アクセスログ"
        verbose_name_plural = "個人情報アクセスログ"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AccessLogIsAppendOnly("アクセスログは変更できません。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogIsAppendOnly("アクセスログは削除できません。")


class UserSession(models.Model):
    """Which session belongs to which account, so that an account's sessions can be ended on the
    server (deactivation, password change, device reset) without decoding every session."""

    session_key = models.CharField("セッションキー", max_length=40, primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ユーザー",
        on_delete=models.CASCADE,
        related_name="tracked_sessions",
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = "ログイン中のセッション"
        verbose_name_plural = "ログイン中のセッション"

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
