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
