import secrets

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from core.admin import ContentHistoryAdmin, FoldedSearchMixin, PublishableAdminMixin
from core.roles import handles_applications

from .forms import SupporterAdminForm, SupporterImportForm
from .importer import ImportFailed, decode, import_supporters
from .models import APPROVAL_REASON, APPROVAL_REASON_FOR_EDITORS, Category, Supporter

IMPORT_SESSION_KEY = "supporters:pending-import"
# An individual's fields shown only with their consent to publish them.
CONSENT_TO_PUBLISH = {"municipality": "publish_municipality", "website": "publish_website"}


def withheld_in(*versions):
    """The fields of CONSENT_TO_PUBLISH that any of these versions of a listing withholds."""
    return {
        name
        for version in versions
        if version.is_individual
        for name, consent in CONSENT_TO_PUBLISH.items()
        if not getattr(version, consent)
    }


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "order"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Supporter)
class SupporterAdmin(PublishableAdminMixin, FoldedSearchMixin, ContentHistoryAdmin):
    form = SupporterAdminForm
    change_list_template = "admin/supporters/supporter/change_list.html"
    # The columns staff sort and scan by first, so that they stay in view at 1280 px.
    list_display = ["name", "group", "status", "updated_at", "kind", "reading", "is_sample"]
    list_filter = ["group", "kind", "categories", "status", "is_sample"]
    search_fields = ["name", "reading", "slug", "municipality", "corporate_number"]
    list_per_page = 50
    readonly_fields = ["group", "logo_preview", "public_link"]
    fieldsets = [
        (None, {"fields": ["name", "reading", "slug", "kind", "is_sample"]}),
        ("所在地", {"fields": ["prefecture", "group", "municipality"]}),
        ("紹介", {"fields": ["introduction", "categories", "website", "logo", "logo_preview"]}),
        ("法人番号・参加日", {"fields": ["corporate_number", "joined_on"]}),
        (
            "個人の掲載範囲",
            {
                "fields": ["publish_municipality", "publish_website"],
                "description": "種別が個人の場合、本人が掲載に同意した項目だけを公開ページとオープンデータに表示します。",
            },
        ),
        ("公開設定", {"fields": ["status", "publish_from", "publish_until", "public_link"]}),
    ]
    history_list_display = ["status"]

    def get_fieldsets(self, request, obj=None):
        withheld = self.withheld_fields(request, obj)
        return [
            (title, {**options, "fields": [f for f in options["fields"] if f not in withheld]})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def withheld_fields(self, request, obj):
        """An individual's municipality and website that they did not agree to publish are
        shown only to staff who handle applications, not to コンテンツ編集者. ``obj`` may be a
        past version (history): the stored listing's consent counts too."""
        if obj is None or handles_applications(request.user):
            return set()
        return withheld_in(obj, *Supporter.objects.filter(pk=obj.pk))

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The history list as コンテンツ編集者 may see it: approval entries without the
        受付番号, and no changes of the fields withheld from them."""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        if handles_applications(request.user):
            return
        records = list(historical_records)
        withheld = withheld_in(*(record.instance for record in records))
        labels = {capfirst(Supporter._meta.get_field(name).verbose_name) for name in withheld}
        for record in records:
            if APPROVAL_REASON.match(record.history_change_reason or ""):
                record.history_change_reason = APPROVAL_REASON_FOR_EDITORS
            changes = getattr(record, "history_delta_changes", None)
            if changes:
                record.history_delta_changes = [c for c in changes if c["field"] not in labels]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if handles_applications(request.user):
            return fields
        # Searching withheld municipalities would tell them: get_search_results searches only
        # the public ones for コンテンツ編集者.
        return [name for name in fields if name != "municipality"]

    def get_search_results(self, request, queryset, search_term):
        """The folded search, and the municipality only where it is public for this user."""
        filtered = queryset  # the list filters are already applied
        queryset, may_have_duplicates = super().get_search_results(request, filtered, search_term)
        if search_term.strip() and not handles_applications(request.user):
            public = filtered.exclude(kind=Supporter.Kind.INDIVIDUAL, publish_municipality=False)
            queryset = queryset | public.filter(municipality__icontains=search_term.strip())
        return queryset, may_have_duplicates

    @admin.display(description="ロゴ（表示例）")
    def logo_preview(self, obj):
        if not obj.logo_large:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">',
            obj.logo_large.url,
            obj.logo_alt,
            obj.logo_width,
            obj.logo_height,
        )

    # CSV import --------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="supporters_supporter_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Step 1: choose a file, every row is checked (dry run) and reported. Step 2: confirm,
        and the same file is imported in one transaction (or nothing is)."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        report = token = None
        form = SupporterImportForm()
        if request.method == "POST" and "confirm" in request.POST:
            pending = request.session.pop(IMPORT_SESSION_KEY, None)
            if not pending or not secrets.compare_digest(
                pending["token"], request.POST.get("token", "")
            ):
                messages.error(
                    request, "確認の有効期限が切れました。もう一度ファイルを選択してください。"
                )
                return redirect("admin:supporters_supporter_import")
            report = import_supporters(pending["text"], dry_run=False, publish=pending["publish"])
            if report.ok:
                messages.success(request, report.summary)
                return redirect("admin:supporters_supporter_changelist")
        elif request.method == "POST":
            form = SupporterImportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    text = decode(form.cleaned_data["file"].read())
                    report = import_supporters(
                        text, dry_run=True, publish=form.cleaned_data["publish"]
                    )
                except ImportFailed as error:
                    form.add_error("file", str(error))
                else:
                    if report.ok:
                        token = secrets.token_urlsafe(24)
                        request.session[IMPORT_SESSION_KEY] = {
                            "token": token,
                            "text": text,
                            "publish": form.cleaned_data["publish"],
                            "filename": form.cleaned_data["file"].name,
                        }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "サポーターズの CSV 取込",
            "form": form,
            "report": report,
            "token": token,
            "filename": request.session.get(IMPORT_SESSION_KEY, {}).get("filename"),
            "open_data_url": reverse("supporters:open-data"),
        }
        return TemplateResponse(request, "admin/supporters/supporter/import.html", context)
