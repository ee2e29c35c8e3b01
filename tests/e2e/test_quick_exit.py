"""Leaving quickly on a shared laptop leaves no trail: after the button, the Shift key pressed
three times, Escape, or the button without JavaScript, Back shows no question page and the
survey's address offers no continuation; the answers saved before leaving stay saved."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from responses.models import Response
from tests.support.journey import continue_from_page, page_number, press_button, start_survey
from tests.support.surveys import published_survey

pytestmark = pytest.mark.django_db(transaction=True)

EXIT_URL = "https://www.bbc.co.uk/weather"


def three_page_survey():
    return published_survey(
        slug="shared-laptop",
        organisation="Northfield University",
        pages=[
            {
                "title": "Your role",
                "questions": [
                    {
                        "code": "role",
                        "type": "single_choice",
                        "required": True,
                        "choices": ["social_worker", "police"],
                    }
                ],
            },
            {
                "title": "Your team",
                "questions": [{"code": "team", "type": "short_text", "required": True}],
            },
            {
                "title": "Your views",
                "questions": [{"code": "views", "type": "long_text"}],
            },
        ],
    )


def answer_two_pages(page, base_url: str, slug: str) -> None:
    start_survey(page, base_url, slug)
    page.locator('input[name="role"][value="police"]').check()
    continue_from_page(page)
    page.locator("#id_team").fill("Exploitation team, Anytown")
    continue_from_page(page)
    assert page_number(page) == 3
    page.locator("#id_views").fill("Typed but never sent")


def assert_no_trail(page, base_url: str, survey) -> None:
    """Back shows at most the start page as a newcomer sees it; so does the survey's address."""
    page.go_back()
    page.wait_for_load_state()
    assert page_number(page) is None, f"Back showed a question page: {page.url}"
    body = page.locator("body").inner_text()
    assert "Anytown" not in body
    assert "Continue where you left off" not in body
    page.goto(f"{base_url}/s/{survey.slug}/")
    assert page.get_by_role("button", name="Start now").is_visible()
    assert "Continue where you left off" not in page.locator("body").inner_text()
    assert "candour_response" not in {cookie["name"] for cookie in page.context.cookies()}
    saved = Response.objects.get(survey=survey)
    assert saved.answers == {"role": "police", "team": "Exploitation team, Anytown"}


def leave_by_button(page):
    page.locator(".govuk-exit-this-page__button").click()


def leave_by_shift(page):
    page.locator("#id_views").focus()
    for _ in range(3):
        page.keyboard.press("Shift")


def leave_by_escape(page):
    page.locator("#id_views").focus()
    page.keyboard.press("Escape")


@pytest.mark.parametrize(
    "leave", [leave_by_button, leave_by_shift, leave_by_escape], ids=["button", "shift", "escape"]
)
def test_leaving_quickly_with_javascript_leaves_no_trail(live_server, open_page, leave):
    survey = three_page_survey()
    page = open_page()
    answer_two_pages(page, live_server.url, survey.slug)
    history_before = page.evaluate("history.length")

    leave(page)

    # Polled rather than awaited as one navigation: offline, Chromium may first try the exit
    # site's real address before the test's stand-in answers for it.
    expect(page).to_have_url(EXIT_URL)
    expect(page.locator("body")).to_have_text("exit")
    # The question page was replaced in the history, not added to.
    assert page.evaluate("history.length") == history_before
    assert_no_trail(page, live_server.url, survey)


def test_leaving_quickly_without_javascript_leaves_no_trail(live_server, open_page):
    survey = three_page_survey()
    page = open_page(java_script_enabled=False)
    answer_two_pages(page, live_server.url, survey.slug)

    leave_by_button(page)

    expect(page).to_have_url(EXIT_URL)
    assert_no_trail(page, live_server.url, survey)


def test_typing_capital_letters_does_not_leave(live_server, open_page):
    survey = three_page_survey()
    page = open_page()
    answer_two_pages(page, live_server.url, survey.slug)

    page.locator("#id_views").focus()
    for letter in "ABCD":
        page.keyboard.press(f"Shift+{letter}")  # Shift, then a letter: not a quick exit
    assert page.locator("#id_views").input_value().endswith("ABCD")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert re.search(r"/p/3/$", page.url)
    assert page.locator("[data-quick-exit-status]").inner_text() == (
        "Shift, press 1 more time to leave."
    )


def test_after_saving_for_later_back_shows_no_question_page(live_server, open_page):
    survey = three_page_survey()
    page = open_page()
    start_survey(page, live_server.url, survey.slug)
    page.locator('input[name="role"][value="police"]').check()
    press_button(page, "Save and continue later")
    assert page.url.endswith("/saved/")
    code = page.locator("strong.candour-code").inner_text()
    assert code not in page.url

    page.go_back()
    page.wait_for_load_state()
    assert page_number(page) is None
    assert "Continue where you left off" not in page.locator("body").inner_text()
    assert Response.objects.get(survey=survey).answers == {"role": "police"}
