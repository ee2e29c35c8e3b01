"""The export pages: who may use them, requesting and downloading, schedules, release profile."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from audit.models import AuditEvent
from exports import jobs
from exports.models import ExportJob, ExportSchedule, ReleaseProfile
from exports.options import ExportOptions
from tests.support.export_jobs import survey_with_team

FORM = {
    "formats": ["csv", "sav"],
    "values": "codes",
    "incomplete": "exclude",
    "speeders": "flag",
    "straightlining": "flag",
    "drop_duplicates": "on",
    "dates": "month",
    "csv_bom": "on",
}


@pytest.fixture
def team(db):
    return survey_with_team()


def signed_in(person) -> Client:
    browser = Client()
    browser.force_login(person)
    return browser


def finished_job(team, **options) -> ExportJob:
    job = jobs.export_job_request(
        survey=team.survey, requested_by=team.anna, options=ExportOptions(**options)
    )
    jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("person", ["alice", "anna"])
def test_owners_and_analysts_see_the_export_page(team, person):
    page = signed_in(getattr(team, person)).get("/surveys/practice/exports/")
    assert page.status_code == 200
    assert "Request an export" in page.content.decode()


@pytest.mark.parametrize("person", ["eddie", "victor", "mallory"])
def test_editors_viewers_and_strangers_get_404_on_every_export_page(team, person):
    job = finished_job(team, formats=("csv",))
    schedule = ExportSchedule.objects.create(
        survey=team.survey, name="x", time_of_day="06:00", next_run_at=job.created_at
    )
    browser = signed_in(getattr(team, person))
    base = "/surveys/practice/exports"
    for url in [
        f"{base}/",
        f"{base}/{job.pk}/",
        f"{base}/{job.pk}/status/",
        f"{base}/{job.pk}/download/",
        f"{base}/schedules/new/",
        f"{base}/schedules/{schedule.pk}/",
        f"{base}/schedules/{schedule.pk}/delete/",
        f"{base}/release-profile/",
    ]:
        assert browser.get(url).status_code == 404, url
    assert browser.post(f"{base}/", FORM).status_code == 404
    assert ExportJob.objects.count() == 1


def test_someone_not_signed_in_is_asked_to_sign_in(team):
    answer = Client().get("/surveys/practice/exports/")
    assert answer.status_code == 302
    assert "next=/surveys/practice/exports/" in answer["Location"]


def test_a_job_of_another_survey_is_not_found_through_this_one(team):
    other_job = jobs.export_job_request(
        survey=team.survey.__class__.objects.get(slug="practice-elsewhere"),
        requested_by=team.mallory,
        options=ExportOptions(formats=("csv",)),
    )
    answer = signed_in(team.alice).get(f"/surveys/practice/exports/{other_job.pk}/")
    assert answer.status_code == 404


def test_requesting_an_export_queues_it_and_shows_its_page(team):
    browser = signed_in(team.anna)

    answer = browser.post("/surveys/practice/exports/", FORM)

    job = ExportJob.objects.get()
    assert answer["Location"] == f"/surveys/practice/exports/{job.pk}/"
    options = ExportOptions.from_json(job.options)
    assert (options.formats, options.values, options.dates) == (("csv", "sav"), "codes", "month")
    assert options.redact_free_text and options.disclosure_check
    assert job.requested_by == team.anna
    page = browser.get(answer["Location"]).content.decode()
    assert "Waiting to start" in page


def test_a_request_without_a_format_is_refused_with_a_message_and_keeps_the_other_choices(team):
    answer = signed_in(team.anna).post(
        "/surveys/practice/exports/", {**FORM, "formats": [], "values": "labels"}
    )

    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Select at least one format" in page
    assert 'href="#id_formats_1"' in page
    assert re.search(r'value="labels"[^>]*checked', page)
    assert not ExportJob.objects.exists()


def test_only_an_owner_can_switch_off_redaction_and_doing_so_is_audited(team):
    analyst_page = signed_in(team.anna).get("/surveys/practice/exports/").content.decode()
    assert "redact_free_text" not in analyst_page
    signed_in(team.anna).post("/surveys/practice/exports/", FORM)  # no such field: stays on
    assert ExportOptions.from_json(ExportJob.objects.get().options).redact_free_text

    owner_page = signed_in(team.alice).get("/surveys/practice/exports/").content.decode()
    assert "redact_free_text" in owner_page
    signed_in(team.alice).post("/surveys/practice/exports/", {**FORM, "disclosure_check": "on"})

    job = ExportJob.objects.latest("created_at")
    assert not ExportOptions.from_json(job.options).redact_free_text
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT_DISCLOSURE_OVERRIDDEN)
    assert event.detail == {"job": str(job.pk), "switched_off": ["redact_free_text"]}


def test_a_finished_export_downloads_as_an_attachment_that_no_one_caches(team):
    job = finished_job(team, formats=("csv",))

    answer = signed_in(team.alice).get(f"/surveys/practice/exports/{job.pk}/download/")

    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/zip"
    assert answer["Content-Disposition"].startswith("attachment;")
    assert answer["Cache-Control"] == "no-store"
    assert len(b"".join(answer.streaming_content)) == job.size
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT_DOWNLOADED).count() == 1


def test_the_status_of_a_job_is_polled_as_json(team):
    job = finished_job(team, formats=("csv",))

    status = signed_in(team.anna).get(f"/surveys/practice/exports/{job.pk}/status/").json()

    assert status == {
        "status": "done",
        "status_label": "Ready",
        "done": 6,
        "total": 6,
        "percent": 100,
        "finished": True,
    }


def test_a_blocked_export_shows_its_small_groups_and_only_an_owner_may_release_them(team):
    ReleaseProfile.objects.create(
        survey=team.survey, quasi_identifiers=["role", "region"], k=5, small_groups="block"
    )
    job = finished_job(team, formats=("csv",))
    assert job.status == ExportJob.Status.BLOCKED
    url = f"/surveys/practice/exports/{job.pk}/"

    analyst_page = signed_in(team.anna).get(url).content.decode()
    assert "Only an owner" in analyst_page
    assert signed_in(team.anna).post(f"{url}override/").status_code == 404

    owner = signed_in(team.alice)
    assert "Export anyway" in owner.get(url).content.decode()
    answer = owner.post(f"{url}override/")

    rerun = ExportJob.objects.get(override_disclosure=True)
    assert answer["Location"] == f"/surveys/practice/exports/{rerun.pk}/"
    assert rerun.requested_by == team.alice


def test_an_analyst_sets_up_a_weekly_schedule(team):
    answer = signed_in(team.anna).post(
        "/surveys/practice/exports/schedules/new/",
        {
            **FORM,
            "name": "Weekly for the team",
            "cadence": "weekly",
            "time_of_day": "07:30",
            "weekday": "0",
            "recipients": "analysis@example.org\nlead@example.org",
            "keep_last": "4",
            "enabled": "on",
        },
    )

    assert answer.status_code == 302
    schedule = ExportSchedule.objects.get()
    assert (schedule.cadence, schedule.weekday, schedule.keep_last) == ("weekly", 0, 4)
    assert schedule.recipients == ["analysis@example.org", "lead@example.org"]
    assert schedule.next_run_at.weekday() == 0
    assert ExportOptions.from_json(schedule.options).formats == ("csv", "sav")


def test_a_schedule_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(team):
    answer = signed_in(team.anna).post(
        "/surveys/practice/exports/schedules/new/",
        {
            **FORM,
            "name": "Monthly",
            "cadence": "monthly",
            "time_of_day": "25:00",
            "recipients": "not an address",
            "keep_last": "3",
        },
    )

    assert answer.status_code == 400
    page = answer.content.decode()
    for message in [
        "Enter the time on the 24-hour clock, like 06:00",
        "‘not an address’ is not an e-mail address",
        "Enter the day of the month the export runs, 1 to 28",
    ]:
        assert message in page
    assert 'value="Monthly"' in page
    assert not ExportSchedule.objects.exists()


def test_a_schedule_can_be_changed_and_deleted(team):
    browser = signed_in(team.anna)
    browser.post(
        "/surveys/practice/exports/schedules/new/",
        {**FORM, "name": "Nightly", "cadence": "daily", "time_of_day": "06:00", "keep_last": "5"},
    )
    schedule = ExportSchedule.objects.get()
    edit = f"/surveys/practice/exports/schedules/{schedule.pk}/"
    assert 'value="Nightly"' in browser.get(edit).content.decode()

    browser.post(
        edit,
        {**FORM, "name": "Nightly", "cadence": "daily", "time_of_day": "05:00", "keep_last": "2"},
    )
    schedule.refresh_from_db()
    assert (schedule.time_of_day.hour, schedule.keep_last, schedule.enabled) == (5, 2, False)

    assert browser.post(f"{edit}delete/").status_code == 302
    assert not ExportSchedule.objects.exists()


def test_an_owner_sets_the_release_profile_and_an_analyst_can_only_read_it(team):
    url = "/surveys/practice/exports/release-profile/"
    analyst = signed_in(team.anna)
    assert "Only an owner" in analyst.get(url).content.decode()
    assert analyst.post(url, {"k": "3"}).status_code == 404

    answer = signed_in(team.alice).post(
        url,
        {
            "quasi_identifiers": ["role", "region", "years"],
            "k": "5",
            "generalise": "years: 0-4, 5-9, 10+\nrole: frontline = social_worker teacher",
            "small_groups": "suppress",
            "drop_questions": ["comments"],
            "redaction_terms": "Northfield\nSt Mary's School\n\nNorthfield",
        },
    )

    assert answer.status_code == 302
    profile = ReleaseProfile.objects.get(survey=team.survey)
    assert profile.quasi_identifiers == ["role", "region", "years"]
    assert profile.generalise == {
        "years": {
            "bands": [
                {"min": 0, "max": 4, "label": "0–4"},
                {"min": 5, "max": 9, "label": "5–9"},
                {"min": 10, "max": None, "label": "10 or more"},
            ]
        },
        "role": {"merge": {"social_worker": "frontline", "teacher": "frontline"}},
    }
    assert profile.drop_questions == ["comments"]
    assert profile.redaction_terms == ["Northfield", "St Mary's School"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RELEASE_PROFILE_CHANGED).exists()
    page = signed_in(team.alice).get(url).content.decode()
    assert "years: 0-4, 5-9, 10+" in page


def test_release_profile_mistakes_name_the_line(team):
    answer = signed_in(team.alice).post(
        "/surveys/practice/exports/release-profile/",
        {"k": "5", "small_groups": "suppress", "generalise": "years: 0-4, 3-9\nrole: x = nurse"},
    )

    assert answer.status_code == 400
    assert "Line 1: bands overlap" in answer.content.decode()
    assert not ReleaseProfile.objects.exists()


def test_the_small_groups_an_export_suppressed_are_named_on_its_page_for_the_team(team):
    ReleaseProfile.objects.create(
        survey=team.survey, quasi_identifiers=["role", "region"], k=5, small_groups="suppress"
    )
    job = finished_job(team, formats=("csv",))
    assert job.status == ExportJob.Status.DONE

    page = signed_in(team.anna).get(f"/surveys/practice/exports/{job.pk}/").content.decode()

    assert "not listed in the package" in page
    assert "role = police, region = north" in page
