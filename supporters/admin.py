import secrets

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from pages.admin import PublishActionsMixin
from pages.roles import handles_applications

from .forms import SupporterAdminForm, SupporterImportForm
from .importer import ImportFailed, decode, import_supporters
from .models import Category, Supporter
from .text import normalise_for_search

IMPORT_SESSION_KEY = "supporters:pending-import"


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "order"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Supporter)
class SupporterAdmin(PublishActionsMixin, SimpleHistoryAdmin):
    form = SupporterAdminForm
    change_list_template = "admin/supporters/supporter/change_list.html"
    list_display = ["name", "reading", "kind", "group", "status", "is_sample", "updated_at"]
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

    @staticmethod
    def withheld_fields(request, obj):
        """An individual's municipality and website that they did not agree to publish are
        shown only to staff who handle applications, not to コンテンツ編集者."""
        if obj is None or not obj.is_individual or handles_applications(request.user):
            return set()
        consents = {"municipality": obj.publish_municipality, "website": obj.publish_website}
        return {name for name, agreed in consents.items() if not agreed}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Also match the normalised text, so 「トウホク」 finds 「とうほく」 and ＡＢＣ finds ABC."""
        filtered = queryset  # the list filters are already applied
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        terms = normalise_for_search(search_term).split()
        if terms:
            for term in terms:
                filtered = filtered.filter(search_text__contains=term)
            queryset = queryset | filtered
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

    @admin.display(description="公開ページ")
    def public_link(self, obj):
        if not obj.pk:
            return "—"
        label = "公開ページを開く" if obj.is_live() else "プレビューを開く（未公開）"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

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
