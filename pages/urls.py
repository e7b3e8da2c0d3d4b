from django.urls import path

from . import views
from .feeds import TopicFeed

app_name = "pages"

urlpatterns = [
    path("topics/", views.topic_list, name="topics"),
    path("topics/feed/", TopicFeed(), name="topic-feed"),
    path("topics/<int:pk>/", views.topic_detail, name="topic"),
    # Content pages take every remaining path, so the root URLconf includes this module last.
    path("<path:path>/", views.page_detail, name="page"),
]
