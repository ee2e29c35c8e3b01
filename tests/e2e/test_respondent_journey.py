"""A practitioner answers the survey in a real browser: the demo on a phone and on a desktop,
saving on one device and finishing on another, and leaving the site quickly."""

import random

import pytest

from responses.models import Response
from surveys.schema import instrument_for_version
from tests.support.browser import axe_violations, describe_violations
from tests.support.journey import (
    answer_current_page,
    answer_pages_until_check,
    assert_fits_viewport,
    continue_from_page,
    current_page_spec,
    form_values,
    page_form_values,
    page_number,
    press_button,
    start_survey,
)
from tests.support.surveys import published_survey

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Names a column would have if it stored where a request came from, or on what device.
IDENTIFYING_FIELD_WORDS = {"ip", "address", "agent", "useragent", "referrer", "referer", "device"}

pytestmark = pytest.mark.django_db(transaction=True)


def stored_keys_are_question_codes(answers: dict, instrument) -> bool:
    codes = {question.code for question in instrument.questions()}
    return all(key in codes or key.removesuffix(".other") in codes for key in answers)


def assert_nothing_identifies_the_browser(response, *, user_agent):
    field_words = {
        word for field in Response._meta.get_fields() for word in field.name.lower().split("_")
    }
    assert not field_words & IDENTIFYING_FIELD_WORDS
    stored = str(Response.objects.filter(pk=response.pk).values().get())
    assert user_agent not in stored
    assert "127.0.0.1" not in stored
    assert "localhost" not in stored


class AxeLog:
    """axe-core's findings on each page of a journey, reported together at the end."""

    def __init__(self):
        self.findings: list[str] = []

    def check(self, page):
        # Measured as the page first shows, not wherever filling it in left it scrolled: the
        # sticky exit button covers whatever is at the top of a scrolled phone screen.
        page.evaluate("() => window.scrollTo(0, 0)")
        violations = axe_violations(page)
        if violations:
            self.findings.append(f"{page.url}\n{describe_violations(violations)}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_practitioner_completes_the_demo_survey_without_scrolling_sideways(
    live_server, demo_survey, open_page, viewport
):
    page = open_page(viewport=viewport)
    instrument = demo_survey.instrument
    progress = []

    def check_question_page(page):
        assert_fits_viewport(page)
        assert page.locator("h1").inner_text() == current_page_spec(page, instrument).title
        assert page.locator(".govuk-exit-this-page__button").is_visible()
        caption = page.locator(".govuk-caption-m").inner_text()  # "Section 2 of 6"
        progress.append(tuple(int(n) for n in caption.split()[1::2]))

    page.goto(f"{live_server.url}/s/{demo_survey.survey.slug}/")
    assert_fits_viewport(page)
    press_button(page, "Start now")
    entered = answer_pages_until_check(
        page, instrument, random.Random(2), after_answering=check_question_page
    )
    positions = [position for position, _total in progress]
    assert positions == sorted(positions), "progress went back"
    assert len({total for _position, total in progress}) == 1, "the total changed"
    assert progress[-1][0] == progress[-1][1]
    assert_fits_viewport(page)
    press_button(page, "Submit your answers")

    assert page.url.endswith("/complete/")
    receipt = page.locator("strong.candour-code").inner_text()
    assert len(receipt.replace("-", "")) == 12
    assert_fits_viewport(page)
    response = demo_survey.responses_from_browser().get()
    assert response.status == Response.Status.COMPLETE
    assert response.answers == entered
    assert stored_keys_are_question_codes(response.answers, instrument)
    assert_nothing_identifies_the_browser(response, user_agent=page.evaluate("navigator.userAgent"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_of_the_demo_survey_passes_axe(live_server, demo_survey, open_page, viewport):
    page = open_page(viewport=viewport)
    axe = AxeLog()

    page.goto(f"{live_server.url}/s/{demo_survey.survey.slug}/")
    axe.check(page)
    press_button(page, "Start now")
    answer_pages_until_check(
        page, demo_survey.instrument, random.Random(2), after_answering=axe.check
    )
    axe.check(page)
    press_button(page, "Submit your answers")
    axe.check(page)

    assert page.url.endswith("/complete/")
    assert not axe.findings, "\n".join(axe.findings)


def every_type_survey():
    """Three pages; the second holds one question of each type that keeps an answer."""
    return published_survey(
        slug="every-type",
        pages=[
            {
                "title": "Taking part",
                "questions": [
                    {"code": "consent", "type": "consent", "required": True},
                    {
                        "code": "role",
                        "type": "single_choice",
                        "choices": ["social_worker", "police"],
                    },
                    {"code": "settings", "type": "multiple_choice", "choices": ["school", "home"]},
                ],
            },
            {
                "title": "Your work",
                "questions": [
                    {
                        "code": "agency",
                        "type": "dropdown",
                        "choices": ["council", "nhs", "charity"],
                    },
                    {"code": "years", "type": "integer", "config": {"min": 0, "max": 50}},
                    {"code": "hours", "type": "decimal", "config": {"decimal_places": 1}},
                    {"code": "trained_on", "type": "date", "config": {"max": "today"}},
                    {
                        "code": "views",
                        "type": "matrix",
                        "config": {
                            "rows": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
                        },
                        "choices": [("1", "Disagree"), ("2", "Agree")],
                    },
                    {
                        "code": "priorities",
                        "type": "ranking",
                        "choices": ["time", "training", "pay"],
                    },
                    {"code": "likely", "type": "scale_0_10"},
                    {"code": "helpful", "type": "likert", "choices": [("1", "No"), ("2", "Yes")]},
                    {"code": "supervised", "type": "yes_no"},
                    {"code": "job_title", "type": "short_text"},
                ],
            },
            {"title": "Anything else", "questions": [{"code": "comments", "type": "long_text"}]},
        ],
    )


def test_on_a_phone_a_practitioner_leaves_the_demo_halfway_and_finishes_it_in_another_browser(
    live_server, demo_survey, open_page
):
    """The issue's acceptance walk-through, as a new user would try it."""
    instrument = demo_survey.instrument
    rng = random.Random(11)
    phone = open_page(viewport=PHONE)
    start_survey(phone, live_server.url, demo_survey.survey.slug)
    entered: dict = {}
    while page_number(phone) < 4:
        entered |= answer_current_page(phone, instrument, rng)
        continue_from_page(phone)
    entered |= answer_current_page(phone, instrument, rng)
    halfway = page_number(phone)
    press_button(phone, "Save and continue later")
    code = phone.locator("strong.candour-code").inner_text()
    phone.context.close()

    other_browser = open_page(viewport=PHONE)
    other_browser.goto(f"{live_server.url}/s/{demo_survey.survey.slug}/resume/")
    other_browser.get_by_label("Your resume code").fill(code)
    press_button(other_browser, "Continue")
    assert page_number(other_browser) == halfway
    continue_from_page(other_browser)
    entered |= answer_pages_until_check(other_browser, instrument, rng)
    press_button(other_browser, "Submit your answers")

    assert other_browser.url.endswith("/complete/")
    response = demo_survey.responses_from_browser().get()
    assert response.status == Response.Status.COMPLETE
    assert response.answers == entered
    assert stored_keys_are_question_codes(response.answers, instrument)
    agent = other_browser.evaluate("navigator.userAgent")
    assert_nothing_identifies_the_browser(response, user_agent=agent)


def test_a_practitioner_saves_on_one_device_and_finishes_on_another_with_the_resume_code(
    live_server, open_page
):
    survey = every_type_survey()
    instrument = instrument_for_version(survey.current_version)
    rng = random.Random(3)
    first = open_page()
    start_survey(first, live_server.url, survey.slug)
    first_page_answers = answer_current_page(first, instrument, rng)
    continue_from_page(first)
    second_page_answers = answer_current_page(first, instrument, rng)
    press_button(first, "Save and continue later")
    assert first.url.endswith("/saved/")
    code = first.locator("strong.candour-code").inner_text()
    first.context.close()

    second = open_page()
    second.goto(f"{live_server.url}/s/{survey.slug}/resume/")
    second.get_by_label("Your resume code").fill(code)
    press_button(second, "Continue")

    assert page_number(second) == 2
    assert second.get_by_text("Your saved answers are back").is_visible()
    second.reload()  # the banner shows on the first view only
    assert second.get_by_text("Your saved answers are back").count() == 0
    for question in instrument.pages[1].questions:
        assert page_form_values(second, question) == form_values(question, second_page_answers)
    press_button(second, "Back")
    assert page_number(second) == 1
    for question in instrument.pages[0].questions:
        assert page_form_values(second, question) == form_values(question, first_page_answers)

    continue_from_page(second)
    continue_from_page(second)
    last_page_answers = answer_pages_until_check(second, instrument, rng)
    press_button(second, "Submit your answers")

    assert second.url.endswith("/complete/")
    response = Response.objects.get(survey=survey)
    assert response.status == Response.Status.COMPLETE
    assert response.answers == first_page_answers | second_page_answers | last_page_answers


def test_leaving_quickly_goes_to_the_exit_site_and_keeps_nothing_typed_on_the_page(
    live_server, demo_survey, open_page
):
    page = open_page()
    start_survey(page, live_server.url, demo_survey.survey.slug)
    answer_current_page(page, demo_survey.instrument, random.Random(4))
    continue_from_page(page)
    response = demo_survey.responses_from_browser().get()
    saved_before = dict(response.answers)

    page.locator('input[name="role"][value="police"]').check()
    page.locator("#id_job_title").fill("Child exploitation lead, Anytown")
    page.locator(".govuk-exit-this-page__button").click()

    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert page.locator("body").inner_text() == "exit"
    response.refresh_from_db()
    assert response.answers == saved_before
    assert "role" not in response.answers
    assert "Anytown" not in str(response.answers)
