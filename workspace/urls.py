from django.urls import path

from workspace.views import (
    audit,
    dashboard,
    distribution,
    instruments,
    pages,
    preview,
    publish,
    questions,
    surveys,
    team,
    tokens,
)

app_name = "workspace"

S = "surveys/<slug:slug>/"

urlpatterns = [
    path("surveys/", surveys.survey_list, name="survey_list"),
    path("api-tokens/", tokens.api_tokens, name="api_tokens"),
    path("api-tokens/<int:token_id>/revoke/", tokens.api_token_revoke, name="api_token_revoke"),
    path("surveys/new/", surveys.survey_create_view, name="survey_create"),
    path("surveys/new/template/", instruments.survey_from_template, name="survey_from_template"),
    path("surveys/new/upload/", instruments.survey_upload, name="survey_upload"),
    path(S, surveys.survey_overview, name="survey_overview"),
    path(f"{S}settings/", surveys.survey_settings, name="survey_settings"),
    path(f"{S}delete/", surveys.survey_delete_view, name="survey_delete"),
    path(f"{S}status/", surveys.survey_status, name="survey_status"),
    path(f"{S}questions/", pages.survey_build, name="survey_build"),
    path(f"{S}pages/new/", pages.page_create_view, name="page_create"),
    path(f"{S}pages/<int:page_id>/", pages.page_edit, name="page_edit"),
    path(f"{S}pages/<int:page_id>/delete/", pages.page_delete_view, name="page_delete"),
    path(f"{S}pages/<int:page_id>/move/", pages.page_move_view, name="page_move"),
    path(
        f"{S}pages/<int:page_id>/questions/new/",
        questions.question_create_view,
        name="question_create",
    ),
    path(f"{S}questions/<int:question_id>/", questions.question_edit, name="question_edit"),
    path(
        f"{S}questions/<int:question_id>/delete/",
        questions.question_delete_view,
        name="question_delete",
    ),
    path(
        f"{S}questions/<int:question_id>/move/",
        questions.question_move_view,
        name="question_move",
    ),
    path(
        f"{S}questions/<int:question_id>/options/new/",
        questions.choice_create_view,
        name="choice_create",
    ),
    path(f"{S}options/<int:choice_id>/", questions.choice_edit, name="choice_edit"),
    path(f"{S}options/<int:choice_id>/delete/", questions.choice_delete_view, name="choice_delete"),
    path(f"{S}options/<int:choice_id>/move/", questions.choice_move_view, name="choice_move"),
    path(f"{S}preview/", preview.preview, name="preview"),
    path(f"{S}preview/<int:number>/", preview.preview_page, name="preview_page"),
    path(f"{S}publish/", publish.publish, name="publish"),
    path(f"{S}team/", team.team, name="team"),
    path(f"{S}team/<int:membership_id>/", team.team_member, name="team_member"),
    path(f"{S}imported/", instruments.survey_imported, name="survey_imported"),
    path(f"{S}download/xlsform/", instruments.survey_download_xlsform, name="download_xlsform"),
    path(f"{S}download/json/", instruments.survey_download_json, name="download_json"),
    path(f"{S}distribute/", distribution.distribute, name="distribute"),
    path(
        f"{S}distribute/codes.csv",
        distribution.invitation_codes_download,
        name="invitation_codes_download",
    ),
    path(f"{S}distribute/qr.svg", distribution.qr_svg, name="qr_svg"),
    path(f"{S}distribute/qr.png", distribution.qr_png, name="qr_png"),
    path(f"{S}dashboard/", dashboard.dashboard, name="dashboard"),
    path(
        f"{S}dashboard/answers/<str:place>/", dashboard.dashboard_answers, name="dashboard_answers"
    ),
    path(f"{S}dashboard/threshold/", dashboard.dashboard_threshold, name="dashboard_threshold"),
    path(f"{S}audit/", audit.audit_log, name="audit_log"),
]
