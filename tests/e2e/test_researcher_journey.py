"""A researcher signs in with a TOTP code, builds a survey in the browser, previews, publishes
and opens it; a respondent in another browser completes it through the public link, and the
researcher sees the response arrive on the dashboard.

Each step is a function so that later stages (the dashboard) add a step rather than a test.
"""

from __future__ import annotations

import random

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page

from responses.models import Response
from surveys.models import Survey
from surveys.schema import instrument_for_version
from tests.support.browser import assert_accessible
from tests.support.journey import answer_current_page, continue_from_page, press_button
from tests.support.researchers import PASSWORD, researcher
from tests.support.workspace_browser import add_page, add_question, follow_link, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "police-perspectives"


def build_survey(page: Page) -> None:
    follow_link(page, "Create a survey")
    page.get_by_label("A blank survey").check()
    page.get_by_label("Title").fill("Police perspectives")
    page.get_by_label("Organisation running the study").fill("University of Test")
    press_button(page, "Create the survey")
    assert page.url.endswith(f"/surveys/{SLUG}/questions/")

    add_page(page, "About your work")
    add_question(
        page,
        page_title="About your work",
        type_name="Single choice (radio buttons)",
        code="role",
        label="What is your role?",
        required=True,
        options=[("police", "Police officer"), ("social_worker", "Social worker")],
    )
    add_question(
        page,
        page_title="About your work",
        type_name="Yes or no",
        code="trained",
        label="Have you had training on exploitation?",
    )
    add_question(
        page,
        page_title="About your work",
        type_name="Whole number",
        code="years",
        label="Years in your role",
        settings={"Lowest answer allowed": "0", "Highest answer allowed": "50"},
    )

    add_page(page, "Disruption", show_if="${role} = 'police'")
    add_question(
        page,
        page_title="Disruption",
        type_name="Multiple choice (checkboxes)",
        code="tactics",
        label="Which tactics have you used?",
        options=[("orders", "Civil orders"), ("arrest", "Arrest")],
    )
    add_question(
        page,
        page_title="Disruption",
        type_name="Rating scale (Likert)",
        code="effective",
        label="Disruption works",
    )
    add_question(
        page,
        page_title="Disruption",
        type_name="Long text",
        code="barriers",
        label="What gets in the way?",
    )

    add_page(page, "Tools")
    add_question(
        page,
        page_title="Tools",
        type_name="0–10 scale",
        code="useful",
        label="How useful are risk tools?",
        settings={"Label of 0": "Useless", "Label of 10": "Essential"},
    )
    add_question(
        page,
        page_title="Tools",
        type_name="Short text",
        code="tool",
        label="Which tool do you use most?",
    )
    assert page.get_by_text("To fix before publishing").count() == 0
    assert_accessible(page)


def preview_survey(page: Page) -> None:
    follow_link(page, "Preview")
    press_button(page, "Start the preview")
    assert page.get_by_text("Nothing you answer is stored").is_visible()
    assert_accessible(page)
    page.get_by_label("Social worker").check()
    continue_from_page(page)
    assert page.get_by_role("heading", name="Tools").is_visible()  # the skip rule held
    assert page.get_by_text("Section 2 of 2").is_visible()
    continue_from_page(page)
    assert page.get_by_text("You reached the end of the preview").is_visible()


def publish_and_open(page: Page) -> str:
    follow_link(page, "Publish")
    press_button(page, "Publish")
    assert page.get_by_text("Published version 1.").is_visible()
    press_button(page, "Open the survey")
    assert page.get_by_text("The survey is open to respondents.").is_visible()
    assert_accessible(page)
    return page.locator("code.candour-code").inner_text()


def respond_through_the_public_link(respondent: Page, public_url: str) -> None:
    survey = Survey.objects.get(slug=SLUG)
    instrument = instrument_for_version(survey.current_version)
    respondent.goto(public_url)
    press_button(respondent, "Start now")
    rng = random.Random(3)
    respondent.get_by_label("Police officer").check()
    answer_current_page(respondent, instrument, rng)
    respondent.get_by_label("Police officer").check()
    continue_from_page(respondent)
    assert respondent.get_by_role("heading", name="Disruption").is_visible()
    while "/p/" in respondent.url:
        answer_current_page(respondent, instrument, rng)
        continue_from_page(respondent)
    press_button(respondent, "Submit your answers")
    assert "/complete/" in respondent.url


def dashboard_figure(page: Page, name: str) -> str:
    """The value beside `name` in the dashboard's summary of responses."""
    row = page.locator(".candour-figures .govuk-summary-list__row").filter(
        has=page.get_by_text(name, exact=True)
    )
    return row.locator("dd").inner_text().strip()


def see_the_dashboard_before_any_response(page: Page) -> None:
    follow_link(page, "Dashboard")
    assert dashboard_figure(page, "Completed") == "0"
    assert page.get_by_text("No responses yet.").is_visible()
    assert_accessible(page)


def see_the_response_on_the_dashboard(page: Page) -> None:
    """One response: counted, but shown as "fewer than 10" with its day; the chart says so
    in words, and its data table is beside it."""
    page.reload()
    assert dashboard_figure(page, "Started") == "fewer than 10"
    assert dashboard_figure(page, "Completed") == "fewer than 10"
    assert dashboard_figure(page, "Completion rate") == "Not shown: too few responses"
    chart = page.get_by_role("img", name="Responses started and completed per day")
    assert chart.is_visible()
    assert "Completed: fewer than 10" in chart.locator("desc").text_content()
    table = page.get_by_role("table", name="Responses started and completed per day")
    assert table.get_by_role("cell", name="fewer than 10").count() == 2
    assert page.get_by_role("heading", name="What is your role?").is_visible()
    assert_accessible(page)


def test_a_researcher_builds_previews_and_publishes_and_a_respondent_completes_it(
    live_server, page, open_page
):
    page.set_default_timeout(10_000)
    alice = researcher("alice")
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)

    sign_in(page, live_server.url, alice.email, PASSWORD, totp_secret=secret)
    build_survey(page)
    preview_survey(page)
    public_url = publish_and_open(page)
    see_the_dashboard_before_any_response(page)
    respond_through_the_public_link(open_page(), public_url)
    see_the_response_on_the_dashboard(page)

    survey = Survey.objects.get(slug=SLUG)
    (response,) = Response.objects.filter(survey=survey)
    assert response.status == Response.Status.COMPLETE and not response.is_test
    assert response.answers["role"] == "police" and "tactics" in response.answers
