from django.http import HttpResponse
from django.urls import path

from accounts.decorators import verified_staff_required
from meetup_portal.urls import urlpatterns as project_urlpatterns


@verified_staff_required("pages.view_page")
def private_file(request, pk):
    return HttpResponse(f"file {pk}", content_type="application/pdf")


urlpatterns = [path("files/<int:pk>/", private_file), *project_urlpatterns]
