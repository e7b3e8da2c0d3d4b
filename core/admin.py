"""Admin pieces every content app shares: publish actions with the 「公開ページを見る」 link, the
attachment inline, read-only admins and list filters that open on a default choice."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from .history import ContentHistoryContextHelper
from .kana import normalise_for_search
from .publishing import PublicationStatus


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs, each with its own <label> (Django's have none)."""

    template_name = "core/widgets/split_datetime.html"


class PublishableAdminMixin:
    """For models with a publication window: bulk 公開 / 下書きに戻す, and the read-only field
    ``public_link`` (公開ページを見る, or a preview while not live). Web addresses typed without a
    scheme are taken as https (Django 6's default, adopted now)."""

    actions = ["publish", "unpublish"]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.DateTimeField: {"widget": LabelledSplitDateTime},
    }

    @admin.action(description="選択したものを公開する", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED, "公開")

    @admin.action(description="選択したものを下書きに戻す", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT, "下書きに")

    def _set_status(self, request, queryset, status, label):
        # Saved one by one so that each change is recorded in the history.
        changed = 0
        for obj in queryset.exclude(status=status):
            obj.status = status
            obj._change_reason = f"一括操作: {label}"
            obj.save()
            changed += 1
        self.message_user(request, f"{changed}件を{label}しました。", messages.SUCCESS)

    @admin.display(description="公開ページ")
    def public_link(self, obj):
        if not obj.pk:
            return "保存すると、公開前のページをここから確認できます。"
        label = "公開ページを見る" if obj.is_live() else "プレビューを見る（未公開）"
        return format_html(
            '<a href="{}">{}</a>（下書きは管理者にだけ表示されます）', obj.get_absolute_url(), label
        )


HISTORY_TYPE_LABELS = {"+": "作成", "~": "変更", "-": "削除"}


class ContentHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's history, comparison and revert pages in Japanese (templates in
    templates/simple_history/), rich-text changes as a diff of the text; saving without a
    change to a tracked field records no new version."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ContentHistoryContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        helper = self.get_historical_record_context_helper(request, None)
        columns = self.get_history_list_display(request)
        for record in historical_records:
            record.history_type_label = HISTORY_TYPE_LABELS.get(record.history_type, "")
            record.history_columns = [
                getattr(record, name)
                if callable(getattr(self, name, None))
                else helper.display_value(self.model._meta.get_field(name), getattr(record, name))
                for name in columns
            ]

    def history_view(self, request, object_id, extra_context=None):
        labels = []
        for name in self.get_history_list_display(request):
            attribute = getattr(self, name, None)
            if callable(attribute):
                labels.append(getattr(attribute, "short_description", name))
            else:
                labels.append(self.model._meta.get_field(name).verbose_name)
        extra_context = {**(extra_context or {}), "history_column_labels": labels}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = self.model.history.filter(**{self.model._meta.pk.attname: unquote(object_id)})
        version = history.filter(history_id=version_id).first()
        latest = history.first()
        changes = []
        if version is not None and latest is not None and latest.pk != version.pk:
            delta = latest.diff_against(version, foreign_keys_are_objs=True)
            helper = self.get_historical_record_context_helper(request, latest)
            changes = helper.context_for_delta_changes(delta)
        extra_context = {
            **(extra_context or {}),
            "version": version,
            "changes_since_version": changes,
        }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view_title(self, request, obj):
        return f"変更履歴: {obj}"

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return f"過去の版を表示: {obj}"
        return f"過去の版に戻す: {obj}"

    def save_model(self, request, obj, form, change):
        if change and not self.has_tracked_changes(obj):
            obj.skip_history_when_saving = True
        elif (request.resolver_match.url_name or "").endswith("_simple_history"):
            obj._change_reason = "過去の版に戻す"
        try:
            super().save_model(request, obj, form, change)
        finally:
            obj.__dict__.pop("skip_history_when_saving", None)

    def has_tracked_changes(self, obj):
        """Whether ``obj`` differs from the stored row in a field the history keeps (and so
        whether saving it is worth a new version)."""
        names = [f.attname for f in obj.history.model.tracked_fields if not f.primary_key]
        stored = type(obj)._default_manager.filter(pk=obj.pk).values(*names).first()
        if stored is None:
            return True
        return any(stored[name] != getattr(obj, name) for name in names)


class AttachmentInline(admin.TabularInline):
    """Files attached to a page, topic or event (set ``model``)."""

    extra = 0
    fields = ["title", "file", "order"]


class ReadOnlyAdminMixin:
    """Rows are shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DefaultListFilter(admin.SimpleListFilter):
    """A list filter that opens on ``default`` (one of its lookups) instead of on everything."""

    default = None

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class FoldedSearchMixin:
    """The admin search also matches the model's ``search_text`` (its names folded by
    ``core.kana.normalise_for_search``): 「トウホク」, 「ﾄｳﾎｸ」 and 「とうほく」 find the same row,
    ＡＢＣ finds ABC. Every word of the term must match."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        terms = normalise_for_search(search_term).split()
        if terms:
            matches = queryset  # the list filters are already applied
            for term in terms:
                matches = matches.filter(search_text__contains=term)
            results = results | matches
        return results, may_have_duplicates


class FailingMailFilter(admin.SimpleListFilter):
    """Mails the worker could not send after OUTBOX_ALERT_AFTER attempts: for staff to act on."""

    title = "送信状況"
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("failing", "送信できていないもの"), ("unsent", "未送信")]

    def queryset(self, request, queryset):
        if self.value() == "failing":
            return queryset.failing()
        if self.value() == "unsent":
            return queryset.unsent()
        return queryset


class OutboxAdminBase(ReadOnlyAdminMixin, admin.ModelAdmin):
    """One domain's view of the outbox (a proxy of core.OutboxMessage per app): only the mails
    about rows of ``owner_model``, the personal link masked, each view written to the access log
    through ``log_access`` (the app's, since core knows no access log)."""

    owner_model = None  # e.g. Application, or a tuple of models
    list_display = ["subject", "kind", "created_at", "sent_at", "attempts", "next_attempt_at"]
    list_filter = [FailingMailFilter, "kind"]
    search_fields = ["subject"]
    readonly_fields = ["kind", "recipient_list", "subject", "masked_body",
                       "created_at", "sent_at", "attempts", "next_attempt_at", "last_error"]  # fmt: skip
    fields = readonly_fields
    actions = ["send_again"]

    def log_access(self, request, action, label, pk=None):
        raise NotImplementedError

    def masked_text(self, body):
        from .outbox import body_for_staff

        return body_for_staff(body)

    def get_queryset(self, request):
        owners = self.owner_model if isinstance(self.owner_model, tuple) else (self.owner_model,)
        return super().get_queryset(request).owned_by(*owners)

    @admin.display(description="本文")
    def masked_body(self, obj):
        return self.masked_text(obj.body)

    @admin.display(description="宛先")
    def recipient_list(self, obj):
        return format_html_join(", ", "{}", ((address,) for address in obj.recipients))

    def changelist_view(self, request, extra_context=None):
        if self.has_view_or_change_permission(request) and request.method == "GET":
            self.log_access(request, "outbox.list", "検索" if request.GET.get("q") else "一覧")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        message = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        owner = message.owner
        label = message.get_kind_display()
        if owner is not None:
            label = f"{getattr(owner, 'number', owner.pk)} {label}"
        self.log_access(request, "outbox.view", label, message.pk)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="選択した未送信メールを再送する", permissions=["resend"])
    def send_again(self, request, queryset):
        from .outbox import send_again

        queued = send_again(queryset)
        self.message_user(
            request,
            f"{queued}件の再送を受け付けました。まもなく自動で送信されます。",
            messages.SUCCESS,
        )

    def has_resend_permission(self, request):
        return self.has_view_permission(request)
