"""When a schedule runs: the next slot after a moment, in the schedule's own time zone.

A slot is a local wall-clock time (e.g. 6am Europe/London every day). Around clock changes:
- a time that does not exist on the spring-forward day (01:30 when clocks jump from 01:00 to
  02:00) runs at the same distance after the change (02:30 local), once;
- a time that happens twice on the fall-back day (01:30) runs at its first occurrence, once.
Monthly schedules run on days 1 to 28, which every month has.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAILY, WEEKLY, MONTHLY = "daily", "weekly", "monthly"


def local_slot(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The moment, in UTC, of `at` on `day` in `zone`, resolving gaps and repeats as above.

    UTC, because an aware time inside a repeated hour never compares equal to any moment of
    another zone (PEP 495); a schedule's slots must compare plainly."""
    wall = datetime.combine(day, at.replace(tzinfo=None), tzinfo=zone)  # fold=0: first occurrence
    return wall.astimezone(UTC)  # a wall time inside the spring gap lands just after it


def next_slot(
    *,
    cadence: str,
    at: time,
    zone: ZoneInfo,
    after: datetime,
    weekday: int | None = None,
    day_of_month: int | None = None,
) -> datetime:
    """The first slot strictly after `after`."""
    day = after.astimezone(zone).date()
    for _ in range(400):  # more than a year of days: every cadence has a slot in it
        if _runs_on(day, cadence, weekday, day_of_month):
            slot = local_slot(day, at, zone)
            if slot > after:
                return slot
        day += timedelta(days=1)
    raise ValueError(f"No {cadence} slot found after {after}")


def _runs_on(day: date, cadence: str, weekday: int | None, day_of_month: int | None) -> bool:
    if cadence == DAILY:
        return True
    if cadence == WEEKLY:
        return day.weekday() == (weekday or 0)
    if cadence == MONTHLY:
        return day.day == (day_of_month or 1)
    raise ValueError(f"Unknown cadence {cadence!r}")
