from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("surveys/<slug:slug>/exports/", views.exports_home, name="home"),
    path("surveys/<slug:slug>/exports/<uuid:job_id>/", views.job_detail, name="job"),
    path("surveys/<slug:slug>/exports/<uuid:job_id>/status/", views.job_status, name="job_status"),
    path(
        "surveys/<slug:slug>/exports/<uuid:job_id>/download/",
        views.job_download,
        name="download",
    ),
    path(
        "surveys/<slug:slug>/exports/<uuid:job_id>/override/",
        views.job_override,
        name="override",
    ),
    path("surveys/<slug:slug>/exports/schedules/new/", views.schedule_edit, name="schedule_new"),
    path(
        "surveys/<slug:slug>/exports/schedules/<int:schedule_id>/",
        views.schedule_edit,
        name="schedule_edit",
    ),
    path(
        "surveys/<slug:slug>/exports/schedules/<int:schedule_id>/delete/",
        views.schedule_remove,
        name="schedule_delete",
    ),
    path(
        "surveys/<slug:slug>/exports/release-profile/",
        views.release_profile,
        name="release_profile",
    ),
]
