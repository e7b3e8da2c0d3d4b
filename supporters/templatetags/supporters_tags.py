from django import template

from core.prefectures import PrefectureGroup

register = template.Library()

# Reading order of the tile map (left to right, top to bottom), which differs from the fixed
# group order: 青森 / 秋田 岩手 / 山形 宮城 / 福島.
MAP_ORDER = [
    PrefectureGroup.AOMORI,
    PrefectureGroup.AKITA,
    PrefectureGroup.IWATE,
    PrefectureGroup.YAMAGATA,
    PrefectureGroup.MIYAGI,
    PrefectureGroup.FUKUSHIMA,
]


@register.filter
def map_tiles(group_counts):
    """The six Tohoku groups of ``group_counts`` (GroupCount items) in the map's reading order."""
    by_value = {group.value: group for group in group_counts}
    return [by_value[group.value] for group in MAP_ORDER if group.value in by_value]


@register.filter
def other_group(group_counts):
    """The その他 item of ``group_counts``."""
    return next((g for g in group_counts if g.value == PrefectureGroup.OTHER), None)
