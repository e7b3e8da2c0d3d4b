"""The filter form above the event lists: prefecture group, format, involvement and month.

A plain GET form with visible labels and a submit button (no change-to-submit script), so it
works by keyboard and without JavaScript, and every filtered list has its own URL."""

import datetime

from django import forms
from django.utils import timezone

from core.prefectures import PrefectureGroup

from .models import Event

ALL = [("", "すべて")]


def month_choices(months):
    """[("2026-11", "2026年11月"), …] for the given first-of-month datetimes or dates."""
    return [(f"{m.year:04d}-{m.month:02d}", f"{m.year}年{m.month}月") for m in months]


def parse_month(value):
    """「2026-11」 → (2026, 11); None for anything else."""
    try:
        moment = datetime.datetime.strptime(value, "%Y-%m")
    except (TypeError, ValueError):
        return None
    return (moment.year, moment.month) if 2000 <= moment.year <= 2100 else None


class EventFilterForm(forms.Form):
    group = forms.ChoiceField(label="地域", choices=ALL + PrefectureGroup.choices, required=False)
    format = forms.ChoiceField(label="開催形式", choices=ALL + Event.Format.choices, required=False)
    involvement = forms.ChoiceField(
        label="東北経済産業局の関わり", choices=ALL + Event.Involvement.choices, required=False
    )
    # Offered: the months that have events; accepted: any month (a shared link may name a month
    # whose events have ended since).
    month = forms.CharField(label="開催月", required=False, widget=forms.Select)

    def __init__(self, data=None, *, months=None, **kwargs):
        super().__init__(data, **kwargs)
        if months is None:
            del self.fields["month"]
        else:
            choices = month_choices(months)
            chosen = self.data.get("month") if self.is_bound else None
            if chosen and parse_month(chosen) and chosen not in dict(choices):
                choices = sorted(
                    [*choices, *month_choices([datetime.date(*parse_month(chosen), 1)])]
                )
            self.fields["month"].widget.choices = ALL + choices
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def clean_month(self):
        value = self.cleaned_data["month"]
        if value and not parse_month(value):
            raise forms.ValidationError("開催月は一覧から選んでください。")
        return value

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def filter(self, queryset):
        """Apply the valid filters; an invalid value (a tampered URL) is left out."""
        self.is_valid()
        values = getattr(self, "cleaned_data", {})
        if values.get("group"):
            queryset = queryset.filter(group=values["group"])
        if values.get("format"):
            queryset = queryset.filter(format=values["format"])
        if values.get("involvement"):
            queryset = queryset.filter(involvement=values["involvement"])
        month = parse_month(values.get("month"))
        if month:
            queryset = queryset.in_month(*month)
        return queryset


def months_with_events(queryset):
    """The months (Japan time) in which the given events start, oldest first; one query."""
    return queryset.order_by().datetimes(
        "starts_at", "month", tzinfo=timezone.get_current_timezone()
    )
