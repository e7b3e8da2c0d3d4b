from django.urls import path

from . import views

app_name = "supporters"

# Fixed words come before <group>; a supporter's page lives under s/ so that no slug can
# ever take a group's URL.
urlpatterns = [
    path("", views.directory, name="index"),
    path("search/", views.search, name="search"),
    path("open-data/", views.open_data, name="open-data"),
    path("open-data/supporters.csv", views.open_data_csv, name="open-data-csv"),
    path("open-data/supporters.json", views.open_data_json, name="open-data-json"),
    path("s/<slug:slug>/", views.detail, name="detail"),
    path("<slug:group>/", views.group_list, name="group"),
]
