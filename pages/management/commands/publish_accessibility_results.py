"""Publish the 試験結果 page from the test suite's automated runs and the manual record.

A11Y_RESULTS_DIR=.a11y-results scripts/test      # axe and vnu record what they checked
python manage.py publish_accessibility_results --results .a11y-results
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.publishing import PublicationStatus
from pages import accessibility
from pages.models import Page

POLICY_SLUG = "accessibility"
RESULTS_SLUG = "results"
TITLE = "ウェブアクセシビリティ試験結果"


class Command(BaseCommand):
    help = "ウェブアクセシビリティ試験結果のページを、自動試験（axe・vnu）と目視確認の記録から作ります。"

    def add_arguments(self, parser):
        parser.add_argument("--results", required=True, help="A11Y_RESULTS_DIR of a test run")
        parser.add_argument("--manual", default=str(accessibility.MANUAL_CHECKS))

    def handle(self, *args, results, manual, **options):
        try:
            record = accessibility.load_manual_checks(manual)
            pages, violations = accessibility.load_automated_runs(results)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        report = accessibility.build_report(record, pages, violations, timezone.localdate())
        body = render_to_string("pages/accessibility/results_body.html", {"report": report})
        with transaction.atomic():
            policy = Page.objects.select_for_update().filter(parent=None, slug=POLICY_SLUG).first()
            if policy is None:
                raise CommandError(
                    "The ウェブアクセシビリティ方針 page (/accessibility/) is missing"
                )
            page = Page.objects.filter(parent=policy, slug=RESULTS_SLUG).first() or Page(
                parent=policy, slug=RESULTS_SLUG
            )
            page.title = TITLE
            page.summary = (
                f"{report['tested_on']:%Y年%-m月%-d日} の試験結果（{report['conformance']}）。"
            )
            page.body = body
            page.status = PublicationStatus.PUBLISHED
            page.save()
        self.stdout.write(
            f"{page.path}: {report['conformance']}, {len(pages)} pages, "
            f"{sum(row['result'] == accessibility.FAIL for row in report['rows'])} 不適合"
        )
