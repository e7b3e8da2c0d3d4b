"""The application described once: its sections and fields in the order the applicant meets them.

Labels are the model's verbose_names. This structure drives the 入力 form's layout (and the form
fields it does not declare), the 確認 page, the 申込書 PDF, the admin fieldsets, the CSV export,
the fields a submission copies to the model and the fields retention blanks. Adding a question
means a model field, its migration and one entry here.
"""

from dataclasses import dataclass

from django.db import models

from supporters.categories import ActivityCategory

from .models import ApplicantKind, Application

DELETED = "（削除済み）"


@dataclass(frozen=True)
class Field:
    """One model field of the application.

    staff: recorded by the system, not asked; shown in the admin (and the CSV when ``csv``).
    organisation: asked of companies and organisations only (blank for individuals).
    personal: an asked field that retention blanks, to ``blanked_to``.
    """

    name: str
    staff: bool = False
    organisation: bool = False
    personal: bool = True
    blanked_to: str = ""
    csv: bool = True

    @property
    def model_field(self):
        return Application._meta.get_field(self.name)

    @property
    def label(self):
        return self.model_field.verbose_name

    @property
    def asked(self):
        return not self.staff


def staff(name, *, csv=False):
    return Field(name, staff=True, personal=False, csv=csv)


@dataclass(frozen=True)
class Consent:
    """A checkbox the applicant ticks to agree to the text shown above it. Not stored as such:
    the model records when the agreement was given."""

    name: str
    label: str  # as a row of the 確認 page
    shown_as: str


PLEDGE = Consent("pledge_agreed", "誓約への同意", "誓約します")
PRIVACY = Consent("privacy_consent", "個人情報の取扱いへの同意", "同意します")


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[Field, ...]
    note: str = ""  # under the heading of the form's section
    include: str = ""  # a template shown above the fields (the form and the 確認 page)
    consent: Consent | None = None

    @property
    def asked(self):
        return [field for field in self.fields if field.asked]


SECTIONS = (
    Section("受付", (
        staff("number", csv=True), staff("status", csv=True), staff("received_at", csv=True),
        staff("status_changed_at"), staff("supporter"),
    )),
    Section("申込者", (
        Field("kind", personal=False), Field("name", blanked_to=DELETED), Field("reading"),
        Field("representative_title", organisation=True),
        Field("representative_name", organisation=True),
        Field("representative_reading", organisation=True),
        Field("corporate_number", organisation=True),
    )),
    Section("所在地・連絡先", (
        Field("postal_code"), Field("prefecture", personal=False), staff("group", csv=True),
        Field("municipality"), Field("address"), Field("phone"), Field("email"), Field("website"),
    )),
    Section("担当者", (
        Field("contact_department"), Field("contact_name"), Field("contact_reading"),
        Field("contact_phone"), Field("contact_email"),
    ), note="企業・団体の場合は、申込みの窓口となる方を入力してください。個人の場合は省略できます。"),
    Section("活動", (
        Field("activity_summary"), Field("categories", personal=False), Field("supporter_plan"),
    )),
    Section("サポーターズ紹介ページへの掲載", (
        Field("listing_name", blanked_to=DELETED), Field("listing_reading"),
        Field("listing_introduction"), Field("logo", csv=False),
        Field("publish_consent", personal=False),
    )),
    Section("暴力団排除に関する誓約", (
        staff("pledge_version"), Field("pledge_signer"), staff("pledge_agreed_at"),
    ), include="applications/includes/pledge_text.html", consent=PLEDGE),
    Section("個人情報の取扱い", (
        staff("privacy_consented_at"),
    ), include="applications/includes/purpose_of_use.html", consent=PRIVACY),
)  # fmt: skip


def fields():
    return [field for section in SECTIONS for field in section.fields]


def asked_fields():
    return [field for field in fields() if field.asked]


def organisation_fields():
    return [field.name for field in fields() if field.organisation]


def csv_fields():
    return [field for field in fields() if field.csv]


def blanked():
    """{name: value} of the personal fields, as retention leaves them."""
    return {field.name: field.blanked_to for field in fields() if field.asked and field.personal}


def shown(field, data):
    """One answer as a person reads it (labels, not codes), from the submitted data."""
    value = data.get(field.name)
    model_field = field.model_field
    if field.name == "postal_code":
        return f"〒{value}" if value else ""
    if field.name == "logo":
        return data.get("logo_name") or "なし"
    if field.name == "categories":
        labels = dict(ActivityCategory.choices)
        return "、".join(labels[code] for code in value or [] if code in labels)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, "")
    if isinstance(model_field, models.BooleanField):
        return "同意する" if value else "同意しない"
    return value or ""


def answers(data):
    """[(section, [(label, value), …]), …] of what the applicant answered, for the 確認 page and
    the 申込書 PDF; fields that do not apply to an individual are left out."""
    individual = data.get("kind") == ApplicantKind.INDIVIDUAL
    result = []
    for section in SECTIONS:
        if not section.asked and section.consent is None:
            continue
        rows = [(section.consent.label, section.consent.shown_as)] if section.consent else []
        rows += [
            (field.label, shown(field, data))
            for field in section.asked
            if not (individual and field.organisation)
        ]
        result.append((section, rows))
    return result


def correctable_fields():
    """The asked fields a 差戻し can name, as (name, label) in the form's order."""
    return [(field.name, str(field.label)) for field in asked_fields()]


def labels_of(names):
    """The labels of the named fields, in the form's order; unknown names are left out."""
    chosen = set(names or [])
    return [label for name, label in correctable_fields() if name in chosen]


@dataclass(frozen=True)
class Difference:
    """One answer in two versions, as a person reads it."""

    name: str
    label: str
    old: str
    new: str
    named: bool  # named in the 差戻し that asked for the new version

    @property
    def changed(self):
        return self.old != self.new


def compare(old_data, new_data, named=()):
    """[Difference, …] of every asked field, in the form's order, between two versions' data."""
    named = set(named or [])
    return [
        Difference(
            field.name,
            str(field.label),
            str(shown(field, old_data)),
            str(shown(field, new_data)),
            field.name in named,
        )
        for field in asked_fields()
    ]
