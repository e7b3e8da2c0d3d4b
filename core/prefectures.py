"""The 47 prefectures (JIS X 0401) and the directory's prefecture groups.

Groups come in a fixed order: the six Tohoku prefectures, then その他 for every other prefecture
and for no prefecture at all.
"""

from django.db import models

PREFECTURES = [
    ("01", "北海道"), ("02", "青森県"), ("03", "岩手県"), ("04", "宮城県"), ("05", "秋田県"),
    ("06", "山形県"), ("07", "福島県"), ("08", "茨城県"), ("09", "栃木県"), ("10", "群馬県"),
    ("11", "埼玉県"), ("12", "千葉県"), ("13", "東京都"), ("14", "神奈川県"), ("15", "新潟県"),
    ("16", "富山県"), ("17", "石川県"), ("18", "福井県"), ("19", "山梨県"), ("20", "長野県"),
    ("21", "岐阜県"), ("22", "静岡県"), ("23", "愛知県"), ("24", "三重県"), ("25", "滋賀県"),
    ("26", "京都府"), ("27", "大阪府"), ("28", "兵庫県"), ("29", "奈良県"), ("30", "和歌山県"),
    ("31", "鳥取県"), ("32", "島根県"), ("33", "岡山県"), ("34", "広島県"), ("35", "山口県"),
    ("36", "徳島県"), ("37", "香川県"), ("38", "愛媛県"), ("39", "高知県"), ("40", "福岡県"),
    ("41", "佐賀県"), ("42", "長崎県"), ("43", "熊本県"), ("44", "大分県"), ("45", "宮崎県"),
    ("46", "鹿児島県"), ("47", "沖縄県"),
]  # fmt: skip
PREFECTURE_NAMES = dict(PREFECTURES)


class PrefectureGroup(models.TextChoices):
    """Directory groups in their fixed display order."""

    AOMORI = "aomori", "青森県"
    IWATE = "iwate", "岩手県"
    MIYAGI = "miyagi", "宮城県"
    AKITA = "akita", "秋田県"
    YAMAGATA = "yamagata", "山形県"
    FUKUSHIMA = "fukushima", "福島県"
    OTHER = "other", "その他"


GROUP_OF_PREFECTURE = {
    "02": PrefectureGroup.AOMORI,
    "03": PrefectureGroup.IWATE,
    "04": PrefectureGroup.MIYAGI,
    "05": PrefectureGroup.AKITA,
    "06": PrefectureGroup.YAMAGATA,
    "07": PrefectureGroup.FUKUSHIMA,
}


def group_for(prefecture_code: str | None) -> str:
    """The directory group of a prefecture code; その他 for any other prefecture or none."""
    return GROUP_OF_PREFECTURE.get(prefecture_code or "", PrefectureGroup.OTHER).value
