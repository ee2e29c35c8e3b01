"""When schedules run: local wall-clock slots, once each, across the UK's clock changes."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from exports.cadence import next_slot

LONDON = ZoneInfo("Europe/London")


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_a_daily_slot_is_today_when_its_time_has_not_come_yet():
    slot = next_slot(cadence="daily", at=time(6), zone=LONDON, after=utc(2027, 1, 10, 5, 0))
    assert slot == utc(2027, 1, 10, 6, 0)


def test_a_slot_is_strictly_after_the_moment_given():
    slot = next_slot(cadence="daily", at=time(6), zone=LONDON, after=utc(2027, 1, 10, 6, 0))
    assert slot == utc(2027, 1, 11, 6, 0)


def test_a_summer_slot_is_at_the_local_time_not_the_utc_time():
    slot = next_slot(cadence="daily", at=time(6), zone=LONDON, after=utc(2027, 7, 1, 0, 0))
    assert slot == utc(2027, 7, 1, 5, 0)  # 06:00 BST


def test_a_weekly_slot_falls_on_its_weekday():
    # 10 January 2027 is a Sunday; the next Wednesday is the 13th.
    slot = next_slot(
        cadence="weekly", at=time(9, 30), zone=LONDON, after=utc(2027, 1, 10, 12), weekday=2
    )
    assert slot == utc(2027, 1, 13, 9, 30)
    assert slot.astimezone(LONDON).strftime("%A") == "Wednesday"


def test_a_monthly_slot_falls_on_its_day_of_the_month_and_moves_to_the_next_month():
    after = utc(2027, 2, 28, 12)
    slot = next_slot(cadence="monthly", at=time(7), zone=LONDON, after=after, day_of_month=28)
    assert slot == utc(2027, 3, 28, 6, 0)  # 07:00 BST: the clocks went forward that night


def test_a_time_skipped_by_the_spring_clock_change_runs_once_just_after_the_change():
    # On 28 March 2027 UK clocks jump from 01:00 GMT to 02:00 BST: 01:30 does not exist.
    slot = next_slot(cadence="daily", at=time(1, 30), zone=LONDON, after=utc(2027, 3, 27, 12))
    assert slot == utc(2027, 3, 28, 1, 30)
    assert slot.astimezone(LONDON).strftime("%H:%M") == "02:30"
    following = next_slot(cadence="daily", at=time(1, 30), zone=LONDON, after=slot)
    assert following == utc(2027, 3, 29, 0, 30)  # 01:30 BST the next day


def test_a_time_repeated_by_the_autumn_clock_change_runs_once_at_its_first_occurrence():
    # On 31 October 2027 UK clocks go back from 02:00 BST to 01:00 GMT: 01:30 happens twice.
    first = next_slot(cadence="daily", at=time(1, 30), zone=LONDON, after=utc(2027, 10, 30, 12))
    assert first == utc(2027, 10, 31, 0, 30)
    following = next_slot(cadence="daily", at=time(1, 30), zone=LONDON, after=first)
    assert following == utc(2027, 11, 1, 1, 30)  # not the second 01:30 an hour later


def test_another_time_zone_is_honoured():
    slot = next_slot(
        cadence="daily", at=time(6), zone=ZoneInfo("America/New_York"), after=utc(2027, 1, 10, 0)
    )
    assert slot == utc(2027, 1, 10, 11, 0)
