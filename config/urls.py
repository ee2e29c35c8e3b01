from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    # Respondents first: their requests are most of the traffic, and every include tried before
    # the matching one costs a failed match that lists its patterns (the admin's, allauth's and
    # the workspace's made resolving a respondent page 100 us instead of 26). No pattern of the
    # others starts with "s/" or is surveys/<slug>/follow-up-contacts.csv, so no route changes.
    path("", include("responses.urls")),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("workspace.urls")),
    path("", include("exports.urls")),
    path("", include("surveys.urls")),
    path("", include("api.urls")),
]
