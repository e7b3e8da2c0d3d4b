"""The eight activity categories of NEXT TOHOKU MEETUP サポーターズ (seed 000), short label first."""

from django.db import models


class ActivityCategory(models.TextChoices):
    RELATIONSHIP_POPULATION = "relationship-population", "関係人口の創出・活用"
    BUSINESS_MATCHING = "business-matching", "事業プラン策定・マッチング支援"
    REGIONAL_ISSUES = "regional-issues", "地域課題の解決"
    MIGRATION = "migration", "移住・UIJターン促進"
    COOPERATION = "cooperation", "連携促進・魅力発信"
    STARTUPS = "startups", "起業支援・起業家育成"
    LEARNING = "learning", "学びの場の提供"
    OTHER = "other", "その他"


CATEGORY_DESCRIPTIONS = {
    ActivityCategory.RELATIONSHIP_POPULATION: "企業の成長に資する関係人口の創出・活用（インターンシップのコーディネート、複業・兼業・プロボノ等の活用支援）",
    ActivityCategory.BUSINESS_MATCHING: "企業の新たな事業プラン策定や、他企業・他機関等とのマッチング支援",
    ActivityCategory.REGIONAL_ISSUES: "自治体等と連携した、地域課題（担い手不足等）の解決に係る事業",
    ActivityCategory.MIGRATION: "自治体等と連携した、地方移住やUIJターン促進に係る事業",
    ActivityCategory.COOPERATION: "地域内外の連携促進、魅力発信等に係る取組",
    ActivityCategory.STARTUPS: "地域の新たな担い手づくりに資する、起業支援・起業家育成に係る事業",
    ActivityCategory.LEARNING: "地域の新たな担い手づくりに資する、地域における「学びの場」の提供に係る事業",
    ActivityCategory.OTHER: "その他、上記に類する事業",
}
