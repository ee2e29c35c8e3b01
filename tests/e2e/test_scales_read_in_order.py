"""Scales read in order at every width: at 1280 px every statement's points sit on one line, in
scale order, under their column headers; at 375 px they stack one per line, in scale order. A
scale never wraps into a zigzag, and axe finds nothing serious either way."""

from __future__ import annotations

import itertools

import pytest

from tests.support.browser import assert_accessible
from tests.support.journey import assert_fits_viewport, start_survey
from tests.support.surveys import published_survey

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
AGREEMENT = [
    ("1", "Strongly disagree"),
    ("2", "Disagree"),
    ("3", "Neither agree nor disagree"),
    ("4", "Agree"),
    ("5", "Strongly agree"),
]
DONT_KNOW = ("9", "Don’t know", {"non_substantive": True})

ROWS_OF_RADIOS = """() => [...document.querySelectorAll("[data-scale-grid] tbody tr")].map(row => ({
  question: row.closest("[data-question]").dataset.question,
  statement: row.dataset.statement,
  values: [...row.querySelectorAll("input[type=radio]")].map(input => input.value),
  boxes: [...row.querySelectorAll("input[type=radio]")].map(input => {
    const box = input.getBoundingClientRect();
    return {x: box.left, y: box.top};
  }),
}))"""


def scales_survey():
    return published_survey(
        slug="scales",
        pages=[
            {
                "title": "Your views",
                "questions": [
                    {
                        "code": "confident",
                        "type": "likert",
                        "label": "I feel confident recognising signs of exploitation",
                        "choices": AGREEMENT,
                    },
                    {
                        "code": "views",
                        "type": "matrix",
                        "label": "How far do you agree with each statement?",
                        "config": {
                            "rows": [
                                {"value": "time", "label": "I have enough time for each case"},
                                {"value": "training", "label": "My training prepared me well"},
                                {"value": "support", "label": "I can ask a manager for help"},
                            ]
                        },
                        "choices": [*AGREEMENT, DONT_KNOW],
                    },
                    {
                        "code": "likely",
                        "type": "scale_0_10",
                        "label": "How likely are you to recommend the training?",
                        "config": {
                            "min_label": "Not at all likely",
                            "max_label": "Extremely likely",
                        },
                    },
                ],
            }
        ],
    )


def on_one_line(boxes) -> bool:
    return all(abs(b["y"] - boxes[0]["y"]) < 2 for b in boxes) and all(
        later["x"] > earlier["x"] for earlier, later in itertools.pairwise(boxes)
    )


def one_per_line(boxes) -> bool:
    return all(abs(b["x"] - boxes[0]["x"]) < 2 for b in boxes) and all(
        later["y"] > earlier["y"] for earlier, later in itertools.pairwise(boxes)
    )


@pytest.mark.parametrize(
    ("viewport", "layout"),
    [(DESKTOP, on_one_line), (PHONE, one_per_line)],
    ids=["1280px-one-line", "375px-one-per-line"],
)
def test_every_scale_reads_in_order(live_server, open_page, viewport, layout):
    survey = scales_survey()
    page = open_page(viewport=viewport)
    start_survey(page, live_server.url, survey.slug)

    rows = page.evaluate(ROWS_OF_RADIOS)

    assert [(r["question"], r["statement"]) for r in rows] == [
        ("confident", ""),
        ("views", "time"),
        ("views", "training"),
        ("views", "support"),
        ("likely", ""),
    ]
    for row in rows:
        assert layout(row["boxes"]), f"{row['question']} {row['statement']}: {row['boxes']}"
    assert rows[1]["values"] == ["1", "2", "3", "4", "5", "9"]
    assert rows[-1]["values"] == [str(n) for n in range(11)]
    assert_fits_viewport(page)
    assert_accessible(page)


def test_on_a_wide_screen_the_points_are_column_headers_and_statements_row_headers(
    live_server, open_page
):
    survey = scales_survey()
    page = open_page(viewport=DESKTOP)
    start_survey(page, live_server.url, survey.slug)
    grid = page.locator("#question-views table")

    headers = grid.locator("thead th").all_inner_texts()
    assert headers == [label for _value, label in AGREEMENT] + ["Don’t know"]
    assert grid.get_by_role("rowheader").all_inner_texts() == [
        "I have enough time for each case",
        "My training prepared me well",
        "I can ask a manager for help",
    ]
    radio = page.get_by_role("radio", name="Agree", exact=True).nth(1)
    assert radio.get_attribute("aria-describedby") == "views-time-statement"
    zero = page.locator("#question-likely thead th").first.inner_text()
    assert zero.split() == ["0", "Not", "at", "all", "likely"]


def test_a_screen_reader_hears_each_point_with_its_statement(live_server, open_page):
    survey = scales_survey()
    page = open_page(viewport=PHONE)
    start_survey(page, live_server.url, survey.slug)

    radio = page.locator("#id_views-training_4")
    assert radio.evaluate("el => el.labels[0].textContent.trim()") == "Agree"
    described = radio.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "My training prepared me well"
    radio.check()
    assert radio.is_checked()
