"""Dates and times on respondent pages follow the GOV.UK style: "24 January 2027 at 5:30pm"."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from responses.templatetags.govuk_dates import day_and_time


@pytest.mark.parametrize(
    ("hour", "minute", "written"),
    [
        (17, 30, "24 January 2027 at 5:30pm"),
        (9, 5, "24 January 2027 at 9:05am"),
        (15, 0, "24 January 2027 at 3pm"),
        (0, 0, "24 January 2027 at midnight"),
        (12, 0, "24 January 2027 at midday"),
        (12, 30, "24 January 2027 at 12:30pm"),
        (0, 45, "24 January 2027 at 12:45am"),
    ],
)
def test_times_are_written_with_am_pm_midnight_and_midday(hour, minute, written):
    assert day_and_time(datetime(2027, 1, 24, hour, minute)) == written


def test_a_stored_time_is_shown_in_the_survey_s_time_zone():
    summer_utc = datetime(2027, 7, 1, 16, 30, tzinfo=UTC)

    with timezone.override("Europe/London"):
        assert day_and_time(summer_utc) == "1 July 2027 at 5:30pm"


def test_no_date_writes_nothing():
    assert day_and_time(None) == ""
