from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from core.attachments import size_label
from core.page_cache import cache_page_for_anonymous
from core.prefectures import PrefectureGroup
from core.preview import mark_preview, preview_or_404

from . import opendata
from .forms import SupporterFilterForm
from .models import GroupCount, Supporter

PER_PAGE = 50
DIRECTORY_PREVIEW = 10  # supporters of each group named on the directory's top page
DIRECTORY_TITLE = "NEXT TOHOKU MEETUP サポーターズ"
OPEN_DATA_TITLE = "サポーターズ一覧のオープンデータ"
# The group and search parameters a cached page may vary by; a keyword (q) or any other
# parameter is rendered afresh.
LISTING_PARAMETERS = ("kind", "category", "page")


def detail_url_prefix():
    """「/supporters/s/」: list templates append slug + "/" instead of reversing per row."""
    return reverse("supporters:detail", kwargs={"slug": "-"}).removesuffix("-/")


def _directory_crumb():
    return ("サポーターズ", reverse("supporters:index"))


def _grouped_directory():
    """Each group in the fixed order with its count and the first ``DIRECTORY_PREVIEW`` of its
    supporters 五十音順; the full lists are the group pages (paginated). One query, and a page
    whose size does not grow with the directory."""
    preview = list(
        Supporter.objects.published().for_listing().first_of_each_group(DIRECTORY_PREVIEW)
    )
    sizes = {s.group: s.group_size for s in preview}
    counts = [GroupCount(g.value, g.label, sizes.get(g.value, 0)) for g in PrefectureGroup]
    groups = [
        {
            "group": count,
            "supporters": [s for s in preview if s.group == count.value],
            "more": count.count > DIRECTORY_PREVIEW,
        }
        for count in counts
    ]
    return {"groups": groups, "group_counts": counts, "total": sum(c.count for c in counts)}


@require_safe
@cache_page_for_anonymous()
def directory(request):
    """Each group with its count and a preview, in the fixed order, with a map and jump links. The
    grouped list is read only when its template fragment is not in the cache."""
    context = {
        "directory": SimpleLazyObject(_grouped_directory),
        "detail_url_prefix": detail_url_prefix(),
        "form": SupporterFilterForm(),
        "breadcrumbs": [("サポーターズ", None)],
    }
    return render(request, "supporters/directory.html", context)


def _listing(request, group=None):
    """The group nav and the result list of the group and search pages: filters, 「N件」,
    50 a page."""
    form = SupporterFilterForm(request.GET)
    filters = form.filters()
    supporters = Supporter.objects.published()
    if group:
        supporters = supporters.in_group(group.value)
    if "kind" in filters:
        supporters = supporters.of_kind(filters["kind"])
    if "category" in filters:
        supporters = supporters.in_category(filters["category"])
    if "q" in filters:
        supporters = supporters.search(filters["q"])
    supporters = supporters.for_listing().prefetch_related("categories")
    return {
        "form": form,
        "filters": filters,
        "page_obj": Paginator(supporters, PER_PAGE).get_page(request.GET.get("page")),
        "group_counts": Supporter.objects.published().group_counts(),
        "query_string": urlencode(filters),
        "show_group": group is None,
        "detail_url_prefix": detail_url_prefix(),
    }


@require_safe
@cache_page_for_anonymous(query=LISTING_PARAMETERS)
def group_list(request, group):
    try:
        group = PrefectureGroup(group)
    except ValueError:
        raise Http404("No such group") from None
    context = _listing(request, group)
    context |= {"group": group, "breadcrumbs": [_directory_crumb(), (group.label, None)]}
    return render(request, "supporters/group.html", context)


@require_safe
@cache_page_for_anonymous(query=LISTING_PARAMETERS)  # a keyword (q) is always searched afresh
def search(request):
    context = _listing(request)
    context["breadcrumbs"] = [_directory_crumb(), ("検索", None)]
    return render(request, "supporters/search.html", context)


@require_safe
@cache_page_for_anonymous()
def detail(request, slug):
    supporter = get_object_or_404(Supporter.objects.prefetch_related("categories"), slug=slug)
    preview = preview_or_404(request, supporter, "supporters.view_supporter")
    group = PrefectureGroup(supporter.group)
    context = {
        "supporter": supporter,
        "group": group,
        "preview": preview,
        "breadcrumbs": [
            _directory_crumb(),
            (group.label, reverse("supporters:group", kwargs={"group": group.value})),
            (supporter.name, None),
        ],
    }
    return mark_preview(render(request, "supporters/detail.html", context), preview)


@require_safe
@cache_page_for_anonymous()
def open_data(request):
    context = {
        "columns": opendata.COLUMNS,
        "csv_size": size_label(len(opendata.build_csv())),
        "json_size": size_label(len(opendata.build_json())),
        "license": opendata.LICENSE,
        "license_url": opendata.LICENSE_URL,
        "title": OPEN_DATA_TITLE,
        "breadcrumbs": [_directory_crumb(), ("オープンデータ", None)],
    }
    return render(request, "supporters/open_data.html", context)


def _download(content, content_type, filename=None):
    response = HttpResponse(content, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"  # public data, readable by any web app
    return response


@require_safe
@cache_page_for_anonymous()
def open_data_csv(request):
    return _download(opendata.build_csv(), "text/csv; charset=utf-8", opendata.CSV_FILENAME)


@require_safe
@cache_page_for_anonymous()
def open_data_json(request):
    return _download(opendata.build_json(), "application/json; charset=utf-8")
