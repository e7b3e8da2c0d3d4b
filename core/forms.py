"""Pieces every public form shares (the application, event registration): Japanese messages,
normalised fields, 必須/任意 badges on the labels, the error summary at the top and each
invalid input pointed at its message (WCAG 3.3.1, 1.3.1)."""

from django import forms
from django.utils.html import format_html

from . import normalise


def field_messages(label, *, choose=False):
    return {
        "required": f"{label}を{'選択' if choose else '入力'}してください。",
        "max_length": f"{label}は%(limit_value)d文字以内で入力してください（現在%(show_value)d文字）。",
        "invalid": f"{label}の形式が正しくありません。",
        "invalid_choice": f"{label}の選択肢から選んでください。",
    }


class NormalisedCharField(forms.CharField):
    """A CharField whose value is normalised (kept as typed, width forms folded, by default)
    before it is validated, and which takes only characters the PDFs can print."""

    default_validators = [normalise.validate_printable]

    def __init__(self, *, normaliser=normalise.text, **kwargs):
        self.normaliser = normaliser
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return self.normaliser(value) if value else value


class NormalisedEmailField(forms.EmailField):
    def to_python(self, value):
        return normalise.email(super().to_python(value))


def badge_label(label, required, badge=None):
    """「氏名 必須」: the label with its 必須 / 任意 badge (or another word for a required one)."""
    if required or badge:
        text, css = badge or "必須", "form-badge form-badge--required"
    else:
        text, css = "任意", "form-badge form-badge--optional"
    return format_html('{} <span class="{}">{}</span>', label, css, text)


class ErrorSummaryMixin:
    """For a form whose fields carry ``plain_label`` (the label without its badge)."""

    def extra_messages(self, name):
        """Messages about field ``name`` beyond its errors (e.g. an upload that was not kept)."""
        return []

    def error_summary(self):
        """[(label, message, anchor id), …] in the order of the form, for the summary at the top."""
        items = [("", str(message), "") for message in self.non_field_errors()]
        for name, field in self.fields.items():
            messages = [*self.errors.get(name, []), *self.extra_messages(name)]
            if not messages:
                continue
            bound = self[name]
            anchor = bound.id_for_label or bound.auto_id
            if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                anchor = f"{bound.auto_id}_0"
            for message in messages:
                items.append((field.plain_label, str(message), anchor))
        return items

    def describe_errors(self):
        """Point each invalid input at its message (crispy renders it as ``<id>_error``)."""
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.insert(0, f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(ids)
