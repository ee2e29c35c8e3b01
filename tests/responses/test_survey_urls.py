"""responses.journey.survey_url: respondent addresses as reverse() gives them, kept."""

from django.test import override_settings
from django.urls import include, path, resolve, reverse, set_script_prefix

from responses.journey import survey_url


def test_it_gives_what_reverse_gives():
    for name, args in [("start", ()), ("privacy", ()), ("page", (3,)), ("leave", ())]:
        assert survey_url("wellbeing", name, *args) == reverse(
            f"responses:{name}", args=["wellbeing", *args]
        )


def test_it_follows_the_script_prefix():
    assert survey_url("wellbeing", "start") == "/s/wellbeing/"
    set_script_prefix("/candour/")
    try:
        assert survey_url("wellbeing", "start") == "/candour/s/wellbeing/"
    finally:
        set_script_prefix("/")
    assert survey_url("wellbeing", "start") == "/s/wellbeing/"


urlpatterns = [path("elsewhere/", include("responses.urls"))]  # this module as a URL configuration


def test_it_follows_the_url_configuration():
    assert survey_url("wellbeing", "withdraw") == "/s/wellbeing/withdraw/"
    with override_settings(ROOT_URLCONF=__name__):
        assert survey_url("wellbeing", "withdraw") == "/elsewhere/s/wellbeing/withdraw/"
    assert survey_url("wellbeing", "withdraw") == "/s/wellbeing/withdraw/"


def test_respondent_addresses_resolve_to_the_respondent_views():
    assert resolve("/s/wellbeing/p/2/").view_name == "responses:page"
    assert resolve("/s/wellbeing/").view_name == "responses:start"
    assert resolve("/surveys/wellbeing/follow-up-contacts.csv").view_name == (
        "responses:followup_contacts"
    )
    assert resolve("/surveys/wellbeing/").view_name.startswith("workspace:")
    assert resolve("/admin/").view_name == "admin:index"
