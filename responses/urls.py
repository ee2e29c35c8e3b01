from django.urls import path

from responses.views import followup, leaving, logo, pages, returning

app_name = "responses"

urlpatterns = [
    path("s/<slug:slug>/", pages.start, name="start"),
    path("s/<slug:slug>/start/", pages.begin, name="begin"),
    path("s/<slug:slug>/p/<int:number>/", pages.page, name="page"),
    path("s/<slug:slug>/check/", pages.check, name="check"),
    path("s/<slug:slug>/submit/", pages.submit, name="submit"),
    path("s/<slug:slug>/complete/", pages.complete, name="complete"),
    path("s/<slug:slug>/saved/", returning.saved, name="saved"),
    path("s/<slug:slug>/resume/", returning.resume, name="resume"),
    path("s/<slug:slug>/delete/", returning.delete_unfinished, name="delete"),
    path("s/<slug:slug>/withdraw/", returning.withdraw, name="withdraw"),
    path("s/<slug:slug>/privacy/", returning.privacy, name="privacy"),
    path("s/<slug:slug>/leave/", leaving.leave, name="leave"),
    path("s/<slug:slug>/logo.png", logo.logo, name="logo"),
    path("s/<slug:slug>/follow-up/", followup.followup, name="followup"),
    path(
        "surveys/<slug:slug>/follow-up-contacts.csv",
        followup.followup_contacts_csv,
        name="followup_contacts",
    ),
]
