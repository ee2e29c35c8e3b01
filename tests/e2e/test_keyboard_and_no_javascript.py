"""The survey works with the keyboard alone, and without JavaScript (locked-down work laptops);
with JavaScript, same-page follow-up questions appear only when they apply."""

import random

import pytest

from responses.models import Response
from surveys.relevance import prune
from tests.support.journey import (
    answer_current_page,
    answer_pages_until_check,
    continue_from_page,
    page_number,
    press_button,
    start_survey,
)
from tests.support.surveys import published_survey

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
GOVUK_FOCUS_YELLOW = "rgb(255, 221, 0)"
FOCUS_STYLE = """el => {
  const looks = [getComputedStyle(el)];
  if (el.labels && el.labels.length && ["radio", "checkbox"].includes(el.type)) {
    looks.push(getComputedStyle(el.labels[0], "::before"));  // GOV.UK draws it round the circle
  }
  return looks
    .map(s => `${s.outlineStyle} ${s.outlineColor} | ${s.boxShadow} | ${s.backgroundColor}`)
    .join(" ; ");
}"""


HIDDEN_BEHIND_EXIT_BUTTON = """() => {
  const el = document.activeElement;
  const exit = document.querySelector(".govuk-exit-this-page");
  if (exit.contains(el)) return null;
  const item = el.closest(".govuk-radios__item, .govuk-checkboxes__item") || el;
  const box = item.getBoundingClientRect(), cover = exit.getBoundingClientRect();
  const hidden = box.top >= cover.top && box.bottom <= cover.bottom
    && box.left >= cover.left && box.right <= cover.right;
  return hidden ? (el.id || el.textContent.trim().slice(0, 40)) : null;
}"""


def keyboard_survey():
    return published_survey(
        slug="keyboard",
        pages=[
            {
                "title": "About your work",
                "questions": [
                    {"code": "consent", "type": "consent", "label": "Do you agree to take part?"},
                    {
                        "code": "role",
                        "type": "single_choice",
                        "label": "Which best describes your role?",
                        "required": True,
                        "choices": ["social_worker", "police", "teacher"],
                    },
                    {
                        "code": "settings",
                        "type": "multiple_choice",
                        "label": "Which settings do you work in?",
                        "required": True,
                        "choices": ["education", "health", "youth_justice"],
                    },
                    {
                        "code": "agency",
                        "type": "dropdown",
                        "label": "What type of organisation do you work for?",
                        "required": True,
                        "choices": [("la", "Local authority"), ("nhs", "NHS"), ("vcs", "Charity")],
                    },
                ],
            },
            {
                "title": "Your experience",
                "questions": [
                    {"code": "job_title", "type": "short_text", "required": True},
                    {"code": "years_in_role", "type": "integer", "required": True},
                    {"code": "last_training", "type": "date", "required": True},
                ],
            },
        ],
    )


def followup_survey():
    return published_survey(
        slug="follow-ups",
        pages=[
            {
                "title": "Your role",
                "questions": [
                    {
                        "code": "role",
                        "type": "single_choice",
                        "label": "Which best describes your role?",
                        "required": True,
                        "choices": ["social_worker", "police", ("elsewhere", "Something else")],
                    },
                    {
                        "code": "role_detail",
                        "type": "short_text",
                        "label": "What is your role?",
                        "relevant": "${role} = 'elsewhere'",
                    },
                    {
                        "code": "open_cases",
                        "type": "integer",
                        "label": "How many open cases do you hold?",
                        "required": True,
                    },
                    {
                        "code": "caseload_manageable",
                        "type": "yes_no",
                        "label": "Is your caseload manageable?",
                        "relevant": "${open_cases} >= 5",
                    },
                ],
            },
            {"title": "Anything else", "questions": [{"code": "comments", "type": "long_text"}]},
        ],
    )


def tab_to(page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the focus is on an element matching the selector."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        visited.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
    raise AssertionError(f"Tab never reached {selector}, only:\n" + "\n".join(visited))


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def focus_style(page) -> str:
    return page.evaluate(f"() => ({FOCUS_STYLE})(document.activeElement)")


def only_response(survey) -> Response:
    return Response.objects.get(survey=survey)


def test_a_practitioner_completes_the_survey_with_the_keyboard_alone(live_server, open_page):
    survey = keyboard_survey()
    page = open_page()
    page.goto(f"{live_server.url}/s/{survey.slug}/")

    tab_to(page, ".govuk-button--start")
    assert GOVUK_FOCUS_YELLOW in focus_style(page)
    press_enter_and_wait(page)

    assert page_number(page) == 1
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "#id_role_1")
    assert GOVUK_FOCUS_YELLOW in focus_style(page)
    page.keyboard.press("ArrowDown")  # moves to, and selects, "Police"
    tab_to(page, "#id_settings_1")
    page.keyboard.press("Space")
    tab_to(page, "#id_settings_3")
    page.keyboard.press("Space")
    tab_to(page, "#id_agency")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, 'button[value="continue"]')
    assert GOVUK_FOCUS_YELLOW in focus_style(page)
    press_enter_and_wait(page)

    assert page_number(page) == 2
    tab_to(page, "#id_job_title")
    assert GOVUK_FOCUS_YELLOW in focus_style(page)
    page.keyboard.type("team manager")
    tab_to(page, "#id_years_in_role")
    page.keyboard.type("7")
    tab_to(page, "#id_last_training-day")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    page.keyboard.type("2021")
    press_enter_and_wait(page)  # Enter in a text box sends the form with its first button

    assert page.url.endswith("/check/")
    tab_to(page, 'form[action$="/submit/"] button')
    press_enter_and_wait(page)

    assert page.url.endswith("/complete/")
    response = only_response(survey)
    assert response.status == Response.Status.COMPLETE
    assert response.answers == {
        "consent": True,
        "role": "police",
        "settings": ["education", "youth_justice"],
        "agency": "nhs",
        "job_title": "team manager",
        "years_in_role": 7,
        "last_training": "2021-04-03",
    }


def test_without_javascript_follow_ups_show_with_a_hint_and_answers_that_do_not_apply_are_dropped(
    live_server, open_page
):
    survey = followup_survey()
    page = open_page(java_script_enabled=False)
    start_survey(page, live_server.url, survey.slug)

    for code in ("role_detail", "caseload_manageable"):
        follow_up = page.locator(f"#question-{code}")
        assert follow_up.get_attribute("data-conditional") is not None
        assert follow_up.is_visible()
        assert follow_up.locator(".candour-applies-when").inner_text().startswith("Only if")
    page.locator('input[name="role"][value="police"]').check()
    page.locator("#id_role_detail").fill("Named officer in a small team")
    page.locator("#id_open_cases").fill("3")
    page.locator('input[name="caseload_manageable"][value="yes"]').check()
    continue_from_page(page)

    assert page_number(page) == 2
    assert only_response(survey).answers == {"role": "police", "open_cases": 3}
    continue_from_page(page)
    press_button(page, "Submit your answers")
    assert page.url.endswith("/complete/")
    assert only_response(survey).answers == {"role": "police", "open_cases": 3}


def test_without_javascript_an_empty_required_page_shows_the_error_summary(live_server, open_page):
    survey = followup_survey()
    page = open_page(java_script_enabled=False)
    start_survey(page, live_server.url, survey.slug)

    continue_from_page(page)

    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.evaluate("() => !!document.activeElement.closest('.govuk-error-summary')")
    targets = summary.locator("a").evaluate_all("links => links.map(a => a.hash.slice(1))")
    assert targets == ["id_role_1", "id_open_cases"]
    for target in targets:
        assert page.locator(f"[id='{target}']").count() == 1


def test_with_javascript_follow_ups_appear_and_disappear_as_answers_change(live_server, open_page):
    survey = followup_survey()
    page = open_page()
    start_survey(page, live_server.url, survey.slug)
    role_detail = page.locator("#question-role_detail")
    caseload = page.locator("#question-caseload_manageable")

    assert role_detail.is_hidden()
    assert caseload.is_hidden()
    page.locator('input[name="role"][value="elsewhere"]').check()
    assert role_detail.is_visible()
    page.locator('input[name="role"][value="police"]').check()
    assert role_detail.is_hidden()
    page.locator("#id_open_cases").fill("12")
    assert caseload.is_visible()
    page.locator("#id_open_cases").fill("4")
    assert caseload.is_hidden()

    page.locator('input[name="role"][value="elsewhere"]').check()
    page.locator("#id_role_detail").fill("Independent reviewing officer")
    page.locator("#id_open_cases").fill("1,200")
    page.locator('input[name="caseload_manageable"][value="no"]').check()
    continue_from_page(page)

    assert page_number(page) == 2
    assert only_response(survey).answers == {
        "role": "elsewhere",
        "role_detail": "Independent reviewing officer",
        "open_cases": 1200,
        "caseload_manageable": "no",
    }


def test_on_a_phone_the_sticky_exit_button_never_hides_the_control_in_focus(
    live_server, demo_survey, open_page
):
    page = open_page(viewport=PHONE)
    start_survey(page, live_server.url, demo_survey.survey.slug)
    answer_current_page(page, demo_survey.instrument, random.Random(1))
    continue_from_page(page)

    hidden = []
    for key in ["Tab"] * 30 + ["Shift+Tab"] * 30:
        page.keyboard.press(key)
        hidden.append(page.evaluate(HIDDEN_BEHIND_EXIT_BUTTON))

    assert [control for control in hidden if control] == []


def test_without_javascript_a_practitioner_completes_the_demo_survey(
    live_server, demo_survey, open_page
):
    instrument = demo_survey.instrument
    page = open_page(java_script_enabled=False)
    start_survey(page, live_server.url, demo_survey.survey.slug)

    entered = answer_pages_until_check(page, instrument, random.Random(9))
    press_button(page, "Submit your answers")

    assert page.url.endswith("/complete/")
    response = demo_survey.responses_from_browser().get()
    assert response.status == Response.Status.COMPLETE
    assert response.answers == prune(instrument, entered)
    # Every follow-up showed, so some that did not apply were answered, and then dropped.
    assert response.answers != entered
