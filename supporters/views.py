from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.attachments import size_label
from core.prefectures import PrefectureGroup
from core.preview import mark_preview, preview_or_404

from . import opendata
from .directory import DirectoryState, detail_url_prefix
from .forms import SupporterFilterForm
from .models import GroupCount, Supporter

PER_PAGE = 50
DIRECTORY_TITLE = "NEXT TOHOKU MEETUP サポーターズ"
OPEN_DATA_TITLE = "サポーターズ一覧のオープンデータ"


def _directory_crumb():
    return ("サポーターズ", reverse("supporters:index"))


@require_GET
def directory(request):
    """All published supporters grouped in the fixed order, with a map and jump links. The
    grouped list is rendered once per change of the data and then served from the cache."""
    state = DirectoryState()

    def build():
        supporters = list(Supporter.objects.published().for_listing())
        groups = []
        for group in PrefectureGroup:
            members = [s for s in supporters if s.group == group.value]
            groups.append(
                {"group": GroupCount(group.value, group.label, len(members)), "supporters": members}
            )
        return render_to_string(
            "supporters/includes/directory_body.html",
            {
                "groups": groups,
                "group_counts": [item["group"] for item in groups],
                "total": len(supporters),
                "detail_url_prefix": detail_url_prefix(),
            },
        )

    context = {
        "body": state.get_or_build(build, "directory"),
        "form": SupporterFilterForm(),
        "breadcrumbs": [("サポーターズ", None)],
    }
    return render(request, "supporters/directory.html", context)


MAX_PAGE = 10_000


def _page_number(raw):
    """The requested page as a number (1 for anything else): part of the cache key."""
    return min(int(raw), MAX_PAGE) if raw and raw.isdigit() and int(raw) > 0 else 1


def _listing(request, group=None):
    """The group nav and the result list of the group and search pages: filters, 「N件」,
    50 a page. Without a keyword the rendered list is cached until the data changes."""
    form = SupporterFilterForm(request.GET)
    filters = form.filters()
    page_number = _page_number(request.GET.get("page"))

    def build():
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
        page_obj = Paginator(supporters, PER_PAGE).get_page(page_number)
        nav = render_to_string(
            "supporters/includes/group_nav.html",
            {"group": group, "group_counts": Supporter.objects.published().group_counts()},
        )
        results = render_to_string(
            "supporters/includes/results.html",
            {
                "page_obj": page_obj,
                "filters": filters,
                "query_string": urlencode(filters),
                "show_group": group is None,
                "detail_url_prefix": detail_url_prefix(),
            },
        )
        return {"nav": nav, "results": results, "page": page_obj.number}

    if "q" in filters:
        listing = build()
    else:
        listing = DirectoryState().get_or_build(
            build,
            "list",
            group.value if group else "all",
            filters.get("kind", ""),
            filters.get("category", ""),
            page_number,
        )
    return {"form": form, "filters": filters, **listing}


@require_GET
def group_list(request, group):
    try:
        group = PrefectureGroup(group)
    except ValueError:
        raise Http404("No such group") from None
    context = _listing(request, group)
    context |= {"group": group, "breadcrumbs": [_directory_crumb(), (group.label, None)]}
    return render(request, "supporters/group.html", context)


@require_GET
def search(request):
    context = _listing(request)
    context["breadcrumbs"] = [_directory_crumb(), ("検索", None)]
    return render(request, "supporters/search.html", context)


@require_GET
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


def _open_data(state, kind):
    build = opendata.build_csv if kind == "csv" else opendata.build_json
    return state.get_or_build(build, "open-data", kind)


@require_GET
def open_data(request):
    state = DirectoryState()
    context = {
        "columns": opendata.COLUMNS,
        "csv_size": size_label(len(_open_data(state, "csv"))),
        "json_size": size_label(len(_open_data(state, "json"))),
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


@require_GET
def open_data_csv(request):
    content = _open_data(DirectoryState(), "csv")
    return _download(content, "text/csv; charset=utf-8", opendata.CSV_FILENAME)


@require_GET
def open_data_json(request):
    content = _open_data(DirectoryState(), "json")
    return _download(content, "application/json; charset=utf-8")
