from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("workspace.urls")),
    path("", include("responses.urls")),
    path("", include("exports.urls")),
    path("", include("surveys.urls")),
    path("", include("api.urls")),
]
