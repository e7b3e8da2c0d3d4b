"""How people register for an event (or a programme): the settings that live with the event and
are not personal data. The registrations themselves live in the ``registrations`` app, which
events never imports."""

from django.db import models

# 「残りわずか」 (schema.org LimitedAvailability) from this share of the capacity down.
FEW_SEATS_SHARE = 0.2


class RegistrationMode(models.TextChoices):
    NONE = "none", "受付なし"
    PORTAL = "portal", "このサイトで受付"
    EXTERNAL = "external", "外部サイトで受付"


class Ask(models.TextChoices):
    """Whether the registration form asks one of the fixed extra questions."""

    NO = "no", "尋ねない"
    OPTIONAL = "optional", "任意で尋ねる"
    REQUIRED = "required", "必須で尋ねる"


class Availability(models.TextChoices):
    """What the public page says about the seats (and the JSON-LD offer's availability)."""

    NONE = "", ""
    OPEN = "open", "受付中"
    FEW = "few", "残りわずか"
    WAITING_LIST = "waiting", "満席（キャンセル待ち）"
    CLOSED = "closed", "受付終了"


class RegistrationSettings(models.Model):
    """How people register: not at all, on this portal (registrations app) or on an outside
    site. Inherited by Event (and by EventSeries for a programme booked as one).

    ``confirmed_count`` and ``waiting_count`` are kept by the registrations service under the
    row's lock, in the transaction that changes a registration, so the public pages show 残り N 席
    / 満席（キャンセル待ち N 人） from this row alone, and the page cache is retired with it.
    ``joining_url`` and ``joining_note`` are never shown on a public page, feed, JSON-LD or
    sitemap: only confirmed registrants get them (their mail and their own page).

    The inheriting model provides ``registration_closed(now)`` (deadline or end passed),
    ``is_cancelled`` and ``is_postponed``."""

    registration_mode = models.CharField(
        "参加申込",
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
        help_text="「このサイトで受付」では申込フォーム・定員・キャンセル待ちをこのサイトで扱います。",
    )
    registration_url = models.URLField(
        "申込みページ", blank=True, help_text="「外部サイトで受付」の場合の申込みページの URL。"
    )
    registration_deadline = models.DateTimeField(
        "申込締切", null=True, blank=True, help_text="空欄の場合は終了まで受け付けます。"
    )
    capacity = models.PositiveIntegerField(
        "定員（人）",
        null=True,
        blank=True,
        help_text="空欄の場合は定員なし。このサイトで受付の場合、定員を超えた申込みはキャンセル待ちになります。",
    )
    joining_url = models.URLField(
        "参加用URL",
        blank=True,
        help_text="オンライン会議の URL。公開ページには表示せず、申込みが確定した方にだけメールとご本人用ページで知らせます。",
    )
    joining_note = models.TextField(
        "参加方法の補足",
        max_length=500,
        blank=True,
        help_text="会議 ID・パスコード・当日の受付方法など。参加用URLと同じく確定した方にだけ知らせます。",
    )
    ask_organisation = models.CharField(
        "所属", max_length=10, choices=Ask.choices, default=Ask.OPTIONAL
    )
    ask_job_title = models.CharField("役職", max_length=10, choices=Ask.choices, default=Ask.NO)
    ask_referral = models.CharField(
        "知ったきっかけ", max_length=10, choices=Ask.choices, default=Ask.NO
    )
    ask_needs = models.CharField(
        "配慮が必要な事項",
        max_length=10,
        choices=Ask.choices,
        default=Ask.OPTIONAL,
        help_text="車いす・手話通訳・資料の拡大など、参加に必要な配慮を自由記述で尋ねます。",
    )
    confirmed_count = models.PositiveIntegerField("確定数", default=0, editable=False)
    waiting_count = models.PositiveIntegerField("キャンセル待ち数", default=0, editable=False)

    class Meta:
        abstract = True

    def registration_errors(self):
        """{field: message} for settings that contradict each other (for ``clean()``)."""
        errors = {}
        if self.registration_mode == RegistrationMode.EXTERNAL and not self.registration_url:
            errors["registration_url"] = (
                "外部サイトで受け付ける場合は申込みページの URL を入力してください。"
            )
        if self.registration_mode != RegistrationMode.EXTERNAL and self.registration_url:
            errors["registration_url"] = (
                "申込みページの URL は「外部サイトで受付」の場合だけ入力します。"
            )
        return errors

    @property
    def registers_here(self):
        return self.registration_mode == RegistrationMode.PORTAL

    @property
    def registers_elsewhere(self):
        return self.registration_mode == RegistrationMode.EXTERNAL and bool(self.registration_url)

    @property
    def availability_label(self):
        """「残り N 席」, 「満席（キャンセル待ち N 人）」, 「受付終了」 or 「受付中」 (no capacity)."""
        state = self.availability()
        if state == Availability.CLOSED:
            return "受付終了"
        if state == Availability.WAITING_LIST:
            return f"満席（キャンセル待ち {self.waiting_count} 人）"
        if state in (Availability.OPEN, Availability.FEW) and self.capacity is not None:
            return f"残り {self.seats_left} 席"
        return "受付中" if state else ""

    @property
    def seats_left(self):
        """Seats still free (None: no capacity)."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.confirmed_count >= self.capacity

    def registration_stopped(self, now=None):
        """Past the deadline (or the end), or cancelled or postponed: no new registrations."""
        return self.registration_closed(now) or self.is_cancelled or self.is_postponed

    def registration_open(self, now=None):
        """Whether the portal's form takes registrations now."""
        return self.registers_here and not self.registration_stopped(now)

    def availability(self, now=None):
        """Availability.* of the portal's registration (NONE when it is not on the portal)."""
        if not self.registers_here:
            return Availability.NONE
        if self.registration_stopped(now):
            return Availability.CLOSED
        if self.is_full:
            return Availability.WAITING_LIST
        if self.capacity and self.seats_left <= max(1, int(self.capacity * FEW_SEATS_SHARE)):
            return Availability.FEW
        return Availability.OPEN
