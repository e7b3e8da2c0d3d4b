from django import forms
from django.db import models

from core.images import ACCEPT_ATTRIBUTE

from .categories import ActivityCategory
from .importer import MAX_IMPORT_BYTES
from .models import Supporter

ALL = [("", "すべて")]


class SupporterFilterForm(forms.Form):
    """The GET form of the group and search pages. Invalid values are ignored, not reported."""

    q = forms.CharField(
        label="キーワード",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "aria-describedby": "id_q_help"}
        ),
    )
    kind = forms.ChoiceField(
        label="種別",
        required=False,
        choices=ALL + Supporter.Kind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    category = forms.ChoiceField(
        label="取組分野",
        required=False,
        choices=ALL + ActivityCategory.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def filters(self):
        """The valid, non-empty values: {"q": …, "kind": …, "category": …}."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name].strip() if name == "q" else data[name]
            for name in ("q", "kind", "category")
            if data.get(name) and (name != "q" or data[name].strip())
        }


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class SupporterAdminForm(forms.ModelForm):
    class Meta:
        model = Supporter
        formfield_callback = _formfield
        fields = [
            "name", "reading", "slug", "kind", "is_sample", "prefecture", "municipality",
            "introduction", "categories", "website", "logo", "corporate_number", "joined_on",
            "publish_municipality", "publish_website", "status", "publish_from", "publish_until",
        ]  # fmt: skip
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "logo": forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "logo" in self.fields:
            # A plain file field: the checks and their Japanese messages are validate_logo's
            # (run by the model), not the generic "not an image" of forms.ImageField.
            old = self.fields["logo"]
            self.fields["logo"] = forms.FileField(
                label=old.label,
                required=False,
                help_text=old.help_text,
                widget=old.widget,
            )


class SupporterImportForm(forms.Form):
    file = forms.FileField(
        label="CSV ファイル",
        help_text="オープンデータの CSV と同じ列名。UTF-8（BOM 付き可）又は Shift_JIS。5MB まで。",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    publish = forms.BooleanField(
        label="新しく登録するサポーターを公開する",
        required=False,
        help_text="チェックしない場合、新しいサポーターは下書きとして登録します（既存のサポーターの公開状態は変えません）。",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("CSV ファイルの大きさは 5MB 以下にしてください。")
        return upload
