"""What the application asks and how its answers read: the field labels and sections shared by the
form, the 確認 page, the PDFs, the admin and the CSV export, and the 利用目的 text."""

from core.prefectures import PREFECTURE_NAMES
from supporters.categories import ActivityCategory

from .models import ApplicantKind

LABELS = {
    "kind": "種別",
    "name": "名称・氏名",
    "reading": "ふりがな",
    "representative_title": "代表者の役職",
    "representative_name": "代表者の氏名",
    "representative_reading": "代表者の氏名（ふりがな）",
    "corporate_number": "法人番号",
    "postal_code": "郵便番号",
    "prefecture": "都道府県",
    "municipality": "市区町村",
    "address": "町名・番地・建物名",
    "phone": "電話番号",
    "email": "メールアドレス",
    "website": "ウェブサイト",
    "contact_department": "担当部署",
    "contact_name": "担当者の氏名",
    "contact_reading": "担当者の氏名（ふりがな）",
    "contact_phone": "担当者の電話番号",
    "contact_email": "担当者のメールアドレス",
    "activity_summary": "活動内容",
    "categories": "取組分野",
    "supporter_plan": "サポーターズとして取り組みたいこと",
    "listing_name": "掲載名",
    "listing_reading": "掲載名のふりがな",
    "listing_introduction": "紹介文",
    "logo": "ロゴ画像",
    "publish_consent": "掲載への同意",
    "pledge_agreed": "誓約への同意",
    "pledge_signer": "誓約者の氏名",
    "privacy_consent": "個人情報の取扱いへの同意",
}

SECTIONS = [
    ("申込者", ["kind", "name", "reading", "representative_title", "representative_name",
             "representative_reading", "corporate_number"]),
    ("所在地・連絡先", ["postal_code", "prefecture", "municipality", "address", "phone", "email",
                 "website"]),
    ("担当者", ["contact_department", "contact_name", "contact_reading", "contact_phone",
             "contact_email"]),
    ("活動", ["activity_summary", "categories", "supporter_plan"]),
    ("サポーターズ紹介ページへの掲載", ["listing_name", "listing_reading", "listing_introduction",
                            "logo", "publish_consent"]),
]  # fmt: skip

# Fields that apply to companies and organisations only.
ORGANISATION_FIELDS = ["representative_title", "representative_name", "representative_reading",
                       "corporate_number"]  # fmt: skip

PURPOSE_OF_USE = [
    "申込み内容の確認、審査及び申込者への連絡",
    "サポーターズ紹介ページへの掲載（「掲載内容」欄の項目に限ります）",
    "NEXT TOHOKU MEETUP の取組に関する御案内",
]
PURPOSE_OF_USE_NOTES = [
    "取得した個人情報は、東北経済産業局 総務企画部 企画調査課が、個人情報の保護に関する法律に基づき適切に管理します。",
    "閲覧できる職員は審査の担当者に限り、閲覧の記録を残します。",
    "法令に基づく場合を除き、御本人の同意なく第三者に提供することはありません。",
    "却下又は取下げとなった申込みの個人情報は、一定期間の経過後に削除します。",
]


def display_value(name, data):
    """The answer to one question as a person reads it (labels, not codes)."""
    value = data.get(name)
    if name == "kind":
        return ApplicantKind(value).label if value in ApplicantKind.values else ""
    if name == "prefecture":
        return PREFECTURE_NAMES.get(value, "")
    if name == "categories":
        labels = dict(ActivityCategory.choices)
        return "、".join(labels[code] for code in value or [] if code in labels)
    if name == "postal_code":
        return f"〒{value}" if value else ""
    if name == "logo":
        return data.get("logo_name") or "なし"
    if name in ("publish_consent", "pledge_agreed", "privacy_consent"):
        return "同意する" if value else "同意しない"
    return value or ""


def sections(data):
    """[(heading, [(label, value), …]), …] for the 確認 page and the 申込書 PDF; fields that do
    not apply to an individual are left out."""
    individual = data.get("kind") == ApplicantKind.INDIVIDUAL
    result = []
    for heading, names in SECTIONS:
        rows = [
            (LABELS[name], display_value(name, data))
            for name in names
            if not (individual and name in ORGANISATION_FIELDS)
        ]
        result.append((heading, rows))
    return result
