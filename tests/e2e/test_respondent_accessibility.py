"""WCAG 2.2 AA on the respondent's pages beyond the happy path: error states and how their
summary moves focus, the pages around the survey, target sizes, and reflow at 200% zoom."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Survey
from tests.support.browser import assert_accessible
from tests.support.journey import (
    answer_current_page,
    assert_fits_viewport,
    continue_from_page,
    page_number,
    press_button,
    start_survey,
)
from tests.support.surveys import published_survey

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
EXIT_URL = "https://www.bbc.co.uk/weather"
# WCAG 1.4.10 Reflow: content usable at 320 CSS pixels wide without scrolling in two directions.
NARROWEST_PHONE = {"width": 320, "height": 640}
DESKTOP_AT_200_PERCENT = {"width": 640, "height": 450}
# WCAG 2.2 AA asks for 24 (2.5.8); Candour holds respondent pages to 44, as the issue asks
# and GOV.UK advises for people answering on a phone.
TARGET_SIZE = 44
CONTROL_BOXES = """() => [...document.querySelectorAll(
    "button, [role=button], input:not([type=hidden]), select, textarea, summary")]
  .filter(el => el.getClientRects().length)
  .map(el => {
    // A GOV.UK radio or checkbox is clicked anywhere on its item: the input and its label.
    const item = el.closest(".govuk-radios__item, .govuk-checkboxes__item");
    const box = (item || el).getBoundingClientRect();
    const name = el.id ? `#${el.id}` : (el.textContent || "").trim().slice(0, 30);
    return {control: `${el.tagName.toLowerCase()} ${name}`, width: box.width, height: box.height};
  })"""

DESCRIBED_BY_ERRORS = """id => {
  // The error messages a screen reader announces with the input: its own aria-describedby
  // and that of every fieldset around it.
  const ids = [];
  for (let el = document.getElementById(id); el; el = el.parentElement) {
    if (el.matches("input, select, textarea, fieldset")) {
      ids.push(...(el.getAttribute("aria-describedby") || "").split(/\\s+/));
    }
  }
  return ids.filter(Boolean).map(ref => document.getElementById(ref))
    .filter(el => el && el.matches(".govuk-error-message") && el.checkVisibility())
    .map(el => el.textContent.trim());
}"""


def practice_survey() -> Survey:
    return published_survey(
        slug="practice",
        title="Safeguarding practice survey",
        privacy_extra="Answers are kept for three years after the study ends, then deleted.",
        contact_details="Email the research team at research@example.org.",
        closes_at=timezone.now() + timedelta(days=30),
        pages=[
            {
                "title": "Your role",
                "questions": [
                    {
                        "code": "role",
                        "type": "single_choice",
                        "label": "Which best describes your role?",
                        "choices": ["social_worker", "police", "teacher"],
                    }
                ],
            }
        ],
    )


def date_and_matrix_survey() -> Survey:
    return published_survey(
        slug="training",
        pages=[
            {
                "title": "Your training",
                "questions": [
                    {
                        "code": "last_training",
                        "type": "date",
                        "label": "When did you last have safeguarding training?",
                        "required": True,
                        "config": {"max": "today"},
                    },
                    {
                        "code": "training_views",
                        "type": "matrix",
                        "label": "How much do you agree with each statement?",
                        "required": True,
                        "config": {
                            "rows": [
                                {"value": "useful", "label": "The training was useful"},
                                {"value": "current", "label": "The training was up to date"},
                            ]
                        },
                        "choices": [("1", "Disagree"), ("2", "Neither"), ("3", "Agree")],
                    },
                ],
            }
        ],
    )


def error_link_targets(page) -> list[str]:
    links = page.locator(".govuk-error-summary a")
    return links.evaluate_all("links => links.map(a => a.hash.slice(1))")


def assert_error_summary_works(page, expected_targets: list[str]) -> None:
    """Title marked, summary focused, accessible, and each link focuses the input it names."""
    assert page.title().startswith("Error:")
    assert page.evaluate("() => !!document.activeElement.closest('.govuk-error-summary')")
    assert error_link_targets(page) == expected_targets
    assert_accessible(page)
    for target in expected_targets:
        assert page.locator(f"[id='{target}']").count() == 1, f"#{target} is not on the page"
        link = page.locator(f".govuk-error-summary a[href='#{target}']")
        messages = page.evaluate(DESCRIBED_BY_ERRORS, target)
        assert any(link.inner_text() in message for message in messages), (target, messages)
        link.click()
        assert page.evaluate("() => document.activeElement.id") == target


def test_the_demo_surveys_first_page_in_its_error_state_focuses_the_summary_and_passes_axe(
    live_server, demo_survey, open_page
):
    page = open_page()
    start_survey(page, live_server.url, demo_survey.survey.slug)

    continue_from_page(page)

    assert_error_summary_works(page, ["id_consent"])


def test_date_and_matrix_errors_link_to_the_box_or_row_that_needs_an_answer(live_server, open_page):
    survey = date_and_matrix_survey()
    page = open_page()
    start_survey(page, live_server.url, survey.slug)

    page.locator("#id_last_training-day").fill("31")
    page.locator("#id_last_training-month").fill("2")
    continue_from_page(page)
    assert_error_summary_works(
        page,
        ["id_last_training-year", "id_training_views-useful_1", "id_training_views-current_1"],
    )

    page.locator("#id_last_training-year").fill("2020")
    page.locator('input[name="training_views-useful"][value="3"]').check()
    continue_from_page(page)
    assert_error_summary_works(page, ["id_last_training-day", "id_training_views-current_1"])


def go_to_privacy_notice(page, url, survey):
    page.goto(f"{url}/s/{survey.slug}/privacy/")


def go_to_resume(page, url, survey):
    page.goto(f"{url}/s/{survey.slug}/resume/")


def send_resume_without_a_code(page, url, survey):
    go_to_resume(page, url, survey)
    press_button(page, "Continue")


def send_resume_with_an_unknown_code(page, url, survey):
    go_to_resume(page, url, survey)
    page.get_by_label("Your resume code").fill("7KQF-M2XT-P4DA")
    press_button(page, "Continue")


def go_to_withdraw(page, url, survey):
    page.goto(f"{url}/s/{survey.slug}/withdraw/")


def send_withdraw_without_a_receipt(page, url, survey):
    go_to_withdraw(page, url, survey)
    press_button(page, "Continue")


def save_for_later(page, url, survey):
    start_survey(page, url, survey.slug)
    press_button(page, "Save and continue later")


def ask_to_withdraw_a_response(page, url, survey):
    start_survey(page, url, survey.slug)
    continue_from_page(page)
    press_button(page, "Submit your answers")
    receipt = page.locator("strong.candour-code").inner_text()
    go_to_withdraw(page, url, survey)
    page.get_by_label("Your receipt code").fill(receipt)
    press_button(page, "Continue")


def withdraw_a_response(page, url, survey):
    ask_to_withdraw_a_response(page, url, survey)
    press_button(page, "Delete my answers")


def visit_closed_survey(page, url, survey):
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    page.goto(f"{url}/s/{survey.slug}/")


def visit_survey_not_yet_open(page, url, survey):
    survey.opens_at = timezone.now() + timedelta(days=3)
    survey.save(update_fields=["opens_at"])
    page.goto(f"{url}/s/{survey.slug}/")


PAGES_AROUND_THE_SURVEY = [
    (go_to_privacy_notice, "Privacy notice"),
    (go_to_resume, "Continue with a resume code"),
    (send_resume_without_a_code, "Continue with a resume code"),
    (send_resume_with_an_unknown_code, "Continue with a resume code"),
    (go_to_withdraw, "Withdraw your answers"),
    (send_withdraw_without_a_receipt, "Withdraw your answers"),
    (save_for_later, "Your answers are saved"),
    (ask_to_withdraw_a_response, "Are you sure you want to delete your answers?"),
    (withdraw_a_response, "Your answers have been deleted"),
    (visit_closed_survey, "This survey has closed"),
    (visit_survey_not_yet_open, "This survey is not open yet"),
]


@pytest.mark.parametrize(
    ("visit", "heading"),
    [pytest.param(visit, heading, id=visit.__name__) for visit, heading in PAGES_AROUND_THE_SURVEY],
)
def test_the_pages_around_the_survey_pass_axe_and_fit_a_phone(
    live_server, open_page, visit, heading
):
    survey = practice_survey()
    page = open_page(viewport=PHONE)

    visit(page, live_server.url, survey)

    assert page.locator("h1").inner_text() == heading
    exit_link = page.locator(".govuk-exit-this-page__button").get_attribute("href")
    assert exit_link.endswith("/leave/")  # ends the visit, then goes to EXIT_URL
    assert_accessible(page)
    assert_fits_viewport(page)
    for target in error_link_targets(page):
        assert page.locator(f"[id='{target}']").count() == 1, f"#{target} is not on the page"


def answer_demo_pages_up_to(page, demo_survey, last: int, after_answering, seed: int) -> None:
    """Answer the demo's pages up to `last`. Pages 1–5 hold every kind of control: radios,
    checkboxes, a select, text, number and date boxes, a matrix and a 0–10 scale."""
    rng = random.Random(seed)
    while page_number(page) <= last:
        answer_current_page(page, demo_survey.instrument, rng)
        after_answering(page)
        continue_from_page(page)


def test_every_control_of_the_demo_survey_is_a_target_of_at_least_44_pixels(
    live_server, demo_survey, open_page
):
    page = open_page(viewport=PHONE)
    measured = []

    def measure(page):
        for box in page.evaluate(CONTROL_BOXES):
            measured.append({"page": page.url.split("/s/")[1], **box})

    page.goto(f"{live_server.url}/s/{demo_survey.survey.slug}/")
    measure(page)
    press_button(page, "Start now")
    answer_demo_pages_up_to(page, demo_survey, 5, after_answering=measure, seed=6)

    too_small = {
        (box["page"], box["control"], round(box["width"]), round(box["height"]))
        for box in measured
        if min(box["width"], box["height"]) < TARGET_SIZE - 0.5
    }
    assert not too_small, sorted(too_small)


@pytest.mark.parametrize(
    "viewport",
    [DESKTOP_AT_200_PERCENT, NARROWEST_PHONE],
    ids=["desktop-at-200-percent", "320-pixels-wide"],
)
def test_question_pages_reflow_without_sideways_scrolling(
    live_server, demo_survey, open_page, viewport
):
    page = open_page(viewport=viewport)
    page.goto(f"{live_server.url}/s/{demo_survey.survey.slug}/")
    assert_fits_viewport(page)
    press_button(page, "Start now")

    answer_demo_pages_up_to(page, demo_survey, 5, after_answering=assert_fits_viewport, seed=8)
