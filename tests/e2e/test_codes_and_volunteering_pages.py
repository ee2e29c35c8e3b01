"""The pages of codes shown once, deleting saved answers, volunteering once and being asked to
come back later: WCAG 2.2 AA (axe), a phone's width, and usable with the keyboard alone."""

import pytest

from responses.models import FollowUpContact, Response
from tests.e2e.test_respondent_accessibility import PHONE, practice_survey
from tests.support.browser import assert_accessible
from tests.support.journey import (
    assert_fits_viewport,
    continue_from_page,
    press_button,
    start_survey,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _volunteering_survey():
    survey = practice_survey()
    survey.followup_enabled = True
    survey.followup_prompt = "We are interviewing 20 practitioners."
    survey.save(update_fields=["followup_enabled", "followup_prompt"])
    return survey


def _submit(page, url, survey) -> str:
    start_survey(page, url, survey.slug)
    continue_from_page(page)
    press_button(page, "Submit your answers")
    return page.locator("strong.candour-code").inner_text()


def _check(page, heading: str) -> None:
    assert page.locator("h1").inner_text() == heading
    exit_link = page.locator(".govuk-exit-this-page__button").get_attribute("href")
    assert exit_link.endswith("/leave/")  # ends the visit, then goes to the exit site
    assert_accessible(page)
    assert_fits_viewport(page)


def test_the_receipt_is_shown_once_and_the_page_explains_it_afterwards(live_server, open_page):
    survey = practice_survey()
    page = open_page(viewport=PHONE)
    receipt = _submit(page, live_server.url, survey)
    assert "we cannot show it again" in page.locator("main").inner_text()
    _check(page, "Your answers have been sent")

    page.reload()

    assert page.locator("strong.candour-code").count() == 0
    assert receipt not in page.content()
    _check(page, "Your answers have been sent")


def test_a_volunteer_leaves_details_once_with_the_keyboard(live_server, open_page):
    survey = _volunteering_survey()
    page = open_page(viewport=PHONE)
    _submit(page, live_server.url, survey)
    page.get_by_role("link", name="Volunteer for an interview").click()
    _check(page, "Volunteer for an interview")
    assert "For up to 60 minutes" in page.locator("main").inner_text()

    page.get_by_label("Email address or phone number").focus()
    page.keyboard.type("sam@example.org")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _check(page, "Thank you for volunteering")

    page.goto(f"{live_server.url}/s/{survey.slug}/follow-up/")
    _check(page, "You have already volunteered")
    assert FollowUpContact.objects.count() == 1


def test_deleting_saved_answers_with_the_resume_code(live_server, open_page):
    survey = practice_survey()
    page = open_page(viewport=PHONE)
    start_survey(page, live_server.url, survey.slug)
    press_button(page, "Save and continue later")
    code = page.locator("strong.candour-code").inner_text()
    page.get_by_role("link", name="Delete your saved answers instead").click()
    _check(page, "Delete your saved answers")

    press_button(page, "Continue")
    assert page.title().startswith("Error:")
    _check(page, "Delete your saved answers")
    page.get_by_label("Your resume code").fill(code)
    press_button(page, "Continue")
    _check(page, "Are you sure you want to delete your saved answers?")
    press_button(page, "Delete my answers")

    _check(page, "Your saved answers have been deleted")
    assert not Response.objects.exists()


def test_the_page_asking_people_to_come_back_later(live_server, open_page, settings):
    settings.CANDOUR_SURVEY_STARTS_PER_HOUR = 0
    survey = practice_survey()
    page = open_page(viewport=PHONE)
    page.goto(f"{live_server.url}/s/{survey.slug}/")

    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()

    _check(page, "Try again later")
    assert not Response.objects.exists()
