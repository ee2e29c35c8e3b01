"""Scheduled exports: one job per slot whatever happens, at local times across clock changes;
the last N packages kept; recipients told by a link, never sent data."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection

from audit.models import AuditEvent
from exports.models import ExportJob, ExportSchedule
from exports.options import ExportOptions
from exports.schedules import (
    DISABLE_AFTER_ERRORS,
    schedule_job_finished,
    schedule_save,
    schedules_dispatch_due,
)
from tests.support.export_jobs import survey_with_team


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def team(db):
    return survey_with_team()


def daily_at(team, at: time, *, now: datetime, **fields) -> ExportSchedule:
    return schedule_save(
        survey=team.survey,
        by=team.anna,
        name=fields.pop("name", "Nightly"),
        cadence_name=fields.pop("cadence_name", "daily"),
        time_of_day=at,
        options=ExportOptions(formats=("csv",)),
        recipients=fields.pop("recipients", ["analysis@example.org"]),
        now=now,
        **fields,
    )


def test_saving_a_schedule_sets_its_next_run_and_is_audited(team):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))

    assert schedule.next_run_at == utc(2027, 1, 11, 6)
    event = AuditEvent.objects.get(action=AuditEvent.Action.SCHEDULE_CHANGED)
    assert event.actor == team.anna
    assert event.detail["name"] == "Nightly"


def test_a_due_schedule_makes_one_job_for_its_slot_and_moves_to_the_next(team):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))

    jobs = schedules_dispatch_due(now=utc(2027, 1, 11, 6, 0, 30))

    assert [(job.schedule_id, job.slot) for job in jobs] == [(schedule.pk, utc(2027, 1, 11, 6))]
    assert jobs[0].requested_by is None
    assert ExportOptions.from_json(jobs[0].options).formats == ("csv",)
    schedule.refresh_from_db()
    assert schedule.next_run_at == utc(2027, 1, 12, 6)


def test_a_schedule_that_is_not_due_or_paused_makes_nothing(team):
    daily_at(team, time(6), now=utc(2027, 1, 10, 12))
    daily_at(team, time(5), now=utc(2027, 1, 10, 12), name="Paused", enabled=False)

    assert schedules_dispatch_due(now=utc(2027, 1, 11, 5, 59)) == []
    assert ExportJob.objects.count() == 0


def test_slots_missed_while_the_scheduler_was_down_run_once_not_once_each(team):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))

    jobs = schedules_dispatch_due(now=utc(2027, 1, 14, 9))  # down for three days

    assert len(jobs) == 1
    assert jobs[0].slot == utc(2027, 1, 11, 6)
    schedule.refresh_from_db()
    assert schedule.next_run_at == utc(2027, 1, 15, 6)
    assert schedules_dispatch_due(now=utc(2027, 1, 14, 9, 1)) == []


def test_a_slot_that_already_has_a_job_is_not_run_again(team):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))
    schedules_dispatch_due(now=utc(2027, 1, 11, 6, 1))
    # A restarted scheduler that still believes the slot is due (e.g. restored from a backup).
    ExportSchedule.objects.filter(pk=schedule.pk).update(next_run_at=utc(2027, 1, 11, 6))

    assert schedules_dispatch_due(now=utc(2027, 1, 11, 6, 2)) == []
    assert ExportJob.objects.filter(schedule=schedule).count() == 1
    schedule.refresh_from_db()
    assert schedule.next_run_at == utc(2027, 1, 12, 6)


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_racing_on_a_due_schedule_make_one_job():
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED need PostgreSQL (SQLite runs one writer anyway)")
    team = survey_with_team()
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))
    start = threading.Barrier(4)
    made: list[int] = []

    def dispatch():
        start.wait()
        try:
            made.append(len(schedules_dispatch_due(now=utc(2027, 1, 11, 6, 1))))
        finally:
            connection.close()

    threads = [threading.Thread(target=dispatch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(made) == [0, 0, 0, 1]
    assert ExportJob.objects.filter(schedule=schedule).count() == 1


@pytest.mark.parametrize(
    ("first_day", "expected_local_runs"),
    [
        # Spring forward on 28 March 2027: 01:30 does not exist that night; it runs at 02:30.
        ("2027-03-27", ["2027-03-27 01:30", "2027-03-28 02:30", "2027-03-29 01:30"]),
        # Fall back on 31 October 2027: 01:30 happens twice; it runs at the first.
        ("2027-10-30", ["2027-10-30 01:30", "2027-10-31 01:30", "2027-11-01 01:30"]),
    ],
)
def test_a_nightly_schedule_runs_once_a_night_across_a_clock_change(
    team, first_day, expected_local_runs
):
    """Beat wakes every minute; here, every five minutes for three days of frozen time."""
    start = datetime.fromisoformat(f"{first_day}T00:00:00+00:00")
    schedule = daily_at(team, time(1, 30), now=start - timedelta(hours=1))
    moment = start
    with time_machine.travel(moment, tick=False) as traveller:
        while moment < start + timedelta(days=3):
            schedules_dispatch_due()
            moment += timedelta(minutes=5)
            traveller.move_to(moment)

    slots = ExportJob.objects.filter(schedule=schedule).order_by("slot")
    from zoneinfo import ZoneInfo

    local = [job.slot.astimezone(ZoneInfo("Europe/London")) for job in slots]
    assert [moment.strftime("%Y-%m-%d %H:%M") for moment in local] == expected_local_runs


def finished(team, schedule, status, **fields) -> ExportJob:
    job = ExportJob.objects.create(
        survey=team.survey,
        schedule=schedule,
        slot=fields.pop("slot", utc(2027, 1, 11, 6)),
        seed=1,
        status=status,
        **fields,
    )
    return job


def test_recipients_get_a_link_to_a_ready_package_and_no_data(team, mailoutbox, settings):
    settings.CANDOUR_BASE_URL = "https://surveys.example.org"
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))
    job = finished(team, schedule, ExportJob.Status.DONE, counts={"rows_written": 6})

    schedule_job_finished(job=job)

    (mail,) = mailoutbox
    assert mail.to == ["analysis@example.org"]
    assert f"https://surveys.example.org/surveys/practice/exports/{job.pk}/" in mail.body
    assert not mail.attachments
    assert "Comment 0" not in mail.body


def test_a_failing_schedule_counts_its_errors_and_pauses_after_repeated_failures(team, mailoutbox):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))
    for day in range(DISABLE_AFTER_ERRORS):
        job = finished(
            team, schedule, ExportJob.Status.FAILED, error="Disk full", slot=utc(2027, 1, 11 + day)
        )
        schedule_job_finished(job=job)

    schedule.refresh_from_db()
    assert schedule.error_count == DISABLE_AFTER_ERRORS
    assert schedule.last_error == "Disk full"
    assert not schedule.enabled
    assert "paused" in mailoutbox[-1].body


def test_an_empty_export_is_a_soft_error_that_does_not_count_against_the_schedule(team, mailoutbox):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))
    job = finished(team, schedule, ExportJob.Status.FAILED, counts={"empty": True})

    schedule_job_finished(job=job)

    schedule.refresh_from_db()
    assert (schedule.error_count, schedule.enabled) == (0, True)
    assert "no responses" in mailoutbox[0].body


def test_a_success_clears_the_error_count(team):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12))
    ExportSchedule.objects.filter(pk=schedule.pk).update(error_count=3, last_error="Disk full")

    schedule_job_finished(job=finished(team, schedule, ExportJob.Status.DONE))

    schedule.refresh_from_db()
    assert (schedule.error_count, schedule.last_error) == (0, "")


def test_only_the_last_n_packages_of_a_schedule_are_kept(team):
    schedule = daily_at(team, time(6), now=utc(2027, 1, 10, 12), keep_last=2)
    jobs = [
        finished(team, schedule, ExportJob.Status.DONE, slot=utc(2027, 1, 11 + day, 6))
        for day in range(4)
    ]

    schedule_job_finished(job=jobs[-1])

    statuses = [ExportJob.objects.get(pk=job.pk).status for job in jobs]
    assert statuses == ["expired", "expired", "done", "done"]
