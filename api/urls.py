from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import views

app_name = "api"

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("api/v1/surveys/", views.SurveyList.as_view(), name="survey_list"),
    path("api/v1/surveys/<slug:slug>/", views.SurveyDetail.as_view(), name="survey_detail"),
    path(
        "api/v1/surveys/<slug:slug>/responses/",
        views.SurveyResponses.as_view(),
        name="survey_responses",
    ),
    path(
        "api/v1/surveys/<slug:slug>/exports/", views.SurveyExports.as_view(), name="survey_exports"
    ),
    path("api/v1/exports/<uuid:job_id>/", views.ExportJobDetail.as_view(), name="export_job"),
    path(
        "api/v1/exports/<uuid:job_id>/download/",
        views.ExportDownload.as_view(),
        name="export_download",
    ),
]
