"""Fill respondent pages in a real browser, the way a person would, with valid sample answers.

Each question type's own `sample_answers` makes the values, so they satisfy that type's rules
(ranges, selection counts, date limits). `form_values` turns stored answers into what the page's
inputs hold, by the type's template; `fill_form_values` puts them into the page:

    rng = random.Random(7)
    start_survey(page, live_server.url, "complex-safeguarding")
    entered = answer_pages_until_check(page, instrument, rng)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date

from playwright.sync_api import Page

from surveys.question_types import field_name
from surveys.question_types.integer import format_number
from surveys.schema import Instrument, PageSpec, QuestionSpec

PAGE_PATH = re.compile(r"/p/(\d+)/")
FormValues = dict[str, list[str]]  # input name -> the values it holds, as a form would post


def page_number(page: Page) -> int | None:
    """The survey page number in the current URL (`/s/<slug>/p/<n>/`), or None elsewhere."""
    match = PAGE_PATH.search(page.url)
    return int(match.group(1)) if match else None


def current_page_spec(page: Page, instrument: Instrument) -> PageSpec:
    number = page_number(page)
    assert number is not None, f"not on a question page: {page.url}"
    return instrument.pages[number - 1]


def start_survey(page: Page, base_url: str, slug: str) -> None:
    page.goto(f"{base_url}/s/{slug}/")
    press_button(page, "Start now")


def press_button(page: Page, name: str) -> None:
    """Click a submit button and wait for the page the server sends back."""
    _click_and_load(page, page.get_by_role("button", name=name, exact=True))


def continue_from_page(page: Page) -> None:
    """The page's main button: "Continue", or "Check your answers" on the last page."""
    # Not the hidden copy that makes Enter continue (see responses/_back_button.html).
    _click_and_load(page, page.locator('button[name="action"][value="continue"]:not([hidden])'))


def _click_and_load(page: Page, button) -> None:
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    assert response is None or response.ok, f"{response.status} from {response.url}"


def answer_current_page(page: Page, instrument: Instrument, rng: random.Random) -> dict:
    """Answer every question the page shows; return the answers entered, keyed as stored.

    Questions are answered in page order and each one's visibility is read just before it, so
    a follow-up that the page's script reveals (or hides) is answered only when it shows.
    """
    entered: dict = {}
    for question in current_page_spec(page, instrument).questions:
        if not question.kind.has_answer:
            continue
        if not page.locator(f"#question-{question.code}").is_visible():
            continue
        answers = question.kind.sample_answers(question, rng)
        fill_form_values(page, form_values(question, answers))
        entered |= answers
    return entered


def answer_pages_until_check(
    page: Page,
    instrument: Instrument,
    rng: random.Random,
    after_answering: Callable[[Page], None] | None = None,
) -> dict:
    """Answer and continue page after page until the check-your-answers page.

    `after_answering(page)` runs on each page once it is filled in, before continuing.
    """
    entered: dict = {}
    while page_number(page) is not None:
        entered |= answer_current_page(page, instrument, rng)
        if after_answering:
            after_answering(page)
        continue_from_page(page)
        assert not page.title().startswith("Error:"), f"valid answers refused on {page.url}"
    assert page.url.endswith("/check/"), f"expected the check page, got {page.url}"
    return entered


def form_values(question: QuestionSpec, answers: dict) -> FormValues:
    """What the question's inputs hold when they show these stored answers."""
    value = answers.get(question.code)
    if value is None:
        return {}
    template = question.kind.template_name
    code = question.code
    if template == "date":
        parsed = date.fromisoformat(value)
        parts = {"day": parsed.day, "month": parsed.month, "year": parsed.year}
        values = {field_name(question, part): [str(n)] for part, n in parts.items()}
    elif question.type == "matrix":
        values = {field_name(question, row): [str(v)] for row, v in value.items()}
    elif template == "ranking":
        values = {field_name(question, item): [str(n)] for n, item in enumerate(value, 1)}
    elif template == "checkboxes":
        values = {code: [str(v) for v in value]}
    elif template == "consent":
        values = {code: ["on"]} if value else {}
    elif question.kind.logic_kind == "number" and template == "input":
        values = {code: [format_number(value)]}
    else:  # radios, scale, select, input, textarea
        values = {code: [str(value)]}
    if answers.get(f"{code}.other"):
        values[field_name(question, "other")] = [answers[f"{code}.other"]]
    return values


def fill_form_values(page: Page, values: FormValues) -> None:
    """Check, select or type each value into the inputs of that name, in order."""
    for name, chosen in values.items():
        inputs = page.locator(f'[name="{name}"]')
        kind = inputs.first.evaluate("el => el.type")
        if kind in ("radio", "checkbox"):
            for value in chosen:
                page.locator(f'[name="{name}"][value="{value}"]').check()
        elif kind.startswith("select"):
            inputs.select_option(chosen)
        else:
            inputs.fill(chosen[0])


def page_form_values(page: Page, question: QuestionSpec) -> FormValues:
    """What the question's inputs hold now, leaving out empty ones."""
    names = [field_name(question, suffix) for suffix in question.kind.fields(question)]
    pairs = page.evaluate(
        "() => [...new FormData(document.getElementById('page-form'))]"
        ".map(([name, value]) => [name, String(value)])"
    )
    held: FormValues = {}
    for name, value in pairs:
        if name in names and value:
            held.setdefault(name, []).append(value)
    return held


def assert_fits_viewport(page: Page) -> None:
    """Nothing on the page makes it scroll sideways (WCAG 1.4.10 Reflow)."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide in a {width}px viewport"
