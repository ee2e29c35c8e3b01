"""Question types: numbers, dates and text, with the limits researchers set."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.question_types import (
    AnswerInvalid,
)
from tests.surveys.question_types.examples import answer, messages, question

# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12", 12), (" 7 ", 7), ("0", 0), ("1,000", 1000), ("1 000", 1000), ("12.0", 12)],
)
def test_a_whole_number_is_stored_as_an_integer(typed, stored):
    q = question("integer", config={})

    answers = answer(q, typed)

    assert answers == {"years": stored}
    assert type(answers["years"]) is int


@pytest.mark.parametrize("typed", ["12.5", "twelve", "1,00", "NaN", "Infinity"])
def test_a_whole_number_refuses_anything_else(typed):
    assert messages(question("integer", config={}), typed) == {"": "Enter a whole number, like 12"}


@pytest.mark.parametrize(
    ("config", "typed", "message"),
    [
        ({"min": 0, "max": 60}, "61", "Enter a number from 0 to 60"),
        ({"min": 0, "max": 60}, "-1", "Enter a number from 0 to 60"),
        ({"min": 1}, "0", "Enter a number of 1 or more"),
        ({"max": 60}, "100", "Enter a number of 60 or less"),
    ],
)
def test_a_whole_number_must_be_within_its_limits(config, typed, message):
    assert messages(question("integer", config=config), typed) == {"": message}


@pytest.mark.parametrize("type_key", ["integer", "decimal"])
def test_a_number_too_large_to_store_is_refused(type_key):
    q = question(type_key, config={})

    with pytest.raises(AnswerInvalid):
        answer(q, "1e5000")


@pytest.mark.parametrize("typed", ["0", "60"])
def test_the_limits_themselves_are_allowed(typed):
    assert answer(question("integer"), typed) == {"years": int(typed)}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("7.5", 7.5), ("7.50", 7.5), ("1,234.25", 1234.25), ("8", 8), ("0.25", 0.25)],
)
def test_a_decimal_number_is_stored_as_a_number(typed, stored):
    assert answer(question("decimal", config={}), typed) == {"hours": stored}


def test_a_decimal_number_keeps_to_its_decimal_places():
    q = question("decimal", config={"decimal_places": 1})

    assert answer(q, "2.5") == {"hours": 2.5}
    assert messages(q, "2.55") == {"": "Enter a number with no more than 1 decimal place"}


def test_a_decimal_number_allows_two_decimal_places_by_default():
    q = question("decimal", config={})

    assert answer(q, "2.55") == {"hours": 2.55}
    assert messages(q, "2.555") == {"": "Enter a number with no more than 2 decimal places"}


def test_a_decimal_number_must_be_within_its_limits():
    assert messages(question("decimal"), "100.5") == {"": "Enter a number from 0 to 100"}


def test_a_decimal_number_refuses_words():
    assert messages(question("decimal"), "a few") == {"": "Enter a number, like 7.5"}


@pytest.mark.parametrize(("typed", "stored"), [("0", 0), ("10", 10), ("7", 7)])
def test_a_0_to_10_scale_is_stored_as_a_number(typed, stored):
    assert answer(question("scale_0_10"), typed) == {"supported": stored}


def test_a_0_to_10_scale_refuses_other_numbers():
    assert messages(question("scale_0_10"), "11") == {"": "Select a number from 0 to 10"}


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "month", "year", "stored"),
    [
        ("1", "3", "2019", "2019-03-01"),
        ("01", "03", "2019", "2019-03-01"),
        ("27", "mar", "2019", "2019-03-27"),
        ("27", "March", "2019", "2019-03-27"),
        ("5", "SEPT", "2001", "2001-09-05"),
        ("29", "2", "2020", "2020-02-29"),
    ],
)
def test_a_date_is_stored_as_iso_text(day, month, year, stored):
    assert answer(question("date"), day=day, month=month, year=year) == {"qualified": stored}


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("29", "2", "2019"),
        ("31", "4", "2020"),
        ("0", "1", "2020"),
        ("1", "13", "2020"),
        ("x", "1", "2020"),
    ],
)
def test_a_date_must_be_a_real_date(day, month, year):
    assert messages(question("date"), day=day, month=month, year=year) == {
        "day": "Enter a real date"
    }


def test_a_date_must_be_complete():
    assert messages(question("date"), day="1", year="2020") == {
        "month": "The date must include a month"
    }


def test_a_date_needs_a_four_digit_year():
    assert messages(question("date"), day="1", month="1", year="20") == {
        "year": "Year must include 4 numbers, like 2019"
    }


def test_an_overfilled_date_box_is_refused_as_not_a_real_date():
    [message] = messages(question("date"), day="12345", month="3", year="2019").values()

    assert message == "Enter a real date"


def test_a_date_cannot_be_before_its_earliest_allowed():
    assert messages(question("date"), day="31", month="12", year="1969") == {
        "day": "The date must be the same as or after 1 January 1970"
    }


def test_a_date_cannot_be_after_a_fixed_latest_allowed():
    q = question("date", config={"max": "2020-06-30"})

    assert answer(q, day="30", month="6", year="2020") == {"qualified": "2020-06-30"}
    assert messages(q, day="1", month="7", year="2020") == {
        "day": "The date must be the same as or before 30 June 2020"
    }


def test_a_date_that_must_not_be_in_the_future_allows_today():
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    q = question("date")

    assert answer(q, day=str(today.day), month=str(today.month), year=str(today.year)) == {
        "qualified": today.isoformat()
    }
    assert messages(
        q, day=str(tomorrow.day), month=str(tomorrow.month), year=str(tomorrow.year)
    ) == {"day": "The date must be today or in the past"}


# --- text ---------------------------------------------------------------------------------------


def test_text_is_stored_without_surrounding_spaces():
    assert answer(question("short_text"), "  Senior practitioner ") == {
        "job_title": "Senior practitioner"
    }


@pytest.mark.parametrize(("type_key", "default"), [("short_text", 200), ("long_text", 3000)])
def test_text_is_limited_to_its_default_length(type_key, default):
    q = question(type_key)

    assert answer(q, "x" * default) == {q.code: "x" * default}
    assert messages(q, "x" * (default + 1)) == {
        "": f"Your answer must be {default} characters or fewer"
    }


def test_text_is_limited_to_the_length_the_researcher_sets():
    q = question("short_text", config={"max_length": 20})

    assert messages(q, "x" * 21) == {"": "Your answer must be 20 characters or fewer"}
