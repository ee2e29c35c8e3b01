"""Export jobs: requested, claimed once, stored once, served only when finished, expired."""

from __future__ import annotations

import hashlib
import threading
import uuid
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from audit.models import AuditEvent
from exports import jobs, storage
from exports.models import ExportJob, ReleaseProfile
from exports.options import ExportOptions
from tests.support.export_jobs import complete_responses, survey_with_team

Status = ExportJob.Status
CSV_ONLY = ExportOptions(formats=("csv",))


@pytest.fixture
def team(db):
    return survey_with_team()


def stored_files(job) -> list[str]:
    return storage._files_under(storage.export_storage(), storage.job_folder(job.pk))


def test_a_request_is_queued_with_a_seed_and_recorded_in_the_audit_log(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)

    assert job.status == Status.QUEUED
    assert ExportOptions.from_json(job.options).seed == job.seed
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT_REQUESTED)
    assert (event.actor, event.detail["job"]) == (team.anna, str(job.pk))


def test_a_given_seed_is_kept(team):
    job = jobs.export_job_request(
        survey=team.survey, requested_by=team.anna, options=CSV_ONLY.with_seed(42)
    )
    assert job.seed == 42


def test_running_a_job_stores_one_package_whose_checksum_and_size_are_recorded(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)

    jobs.export_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.DONE
    assert job.counts["rows_written"] == 6
    assert (job.progress_done, job.progress_total) == (6, 6)
    assert job.expires_at.date() == (timezone.now() + timedelta(days=7)).date()
    assert stored_files(job) == [job.file.name]
    with job.file.open("rb") as package:
        content = package.read()
    assert hashlib.sha256(content).hexdigest() == job.sha256
    assert len(content) == job.size
    with job.file.open("rb") as package, zipfile.ZipFile(package) as archive:
        assert any(name.endswith(".csv") for name in archive.namelist())


def test_a_job_run_again_after_it_finished_changes_nothing(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
    jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()

    assert jobs.export_job_run(job_id=job.pk) is None

    again = ExportJob.objects.get(pk=job.pk)
    assert (again.file.name, again.sha256, again.attempts) == (job.file.name, job.sha256, 1)
    assert stored_files(job) == [job.file.name]


@pytest.mark.django_db(transaction=True)
def test_two_workers_given_the_same_job_at_once_make_one_package():
    team = survey_with_team()
    job = ExportJob.objects.create(
        survey=team.survey, options=CSV_ONLY.with_seed(7).to_json(), seed=7
    )
    start = threading.Barrier(2)
    results = []

    def run():
        start.wait()
        try:
            results.append(jobs.export_job_run(job_id=job.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(result is None for result in results) == [False, True]
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert job.attempts == 1
    assert stored_files(job) == [job.file.name]


def test_a_job_whose_worker_died_is_taken_over_and_the_dead_attempts_files_removed(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
    dead_runner = uuid.uuid4()
    ExportJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING,
        runner=dead_runner,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )
    leftover = storage.export_storage().save(
        f"{storage.job_folder(job.pk)}/{dead_runner}/half-written.zip", ContentFile(b"PK\x03")
    )

    jobs.export_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.DONE
    assert job.runner != dead_runner
    assert leftover not in stored_files(job)
    assert stored_files(job) == [job.file.name]


def test_a_running_job_with_a_live_lease_is_not_taken_over(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
    ExportJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING,
        runner=uuid.uuid4(),
        lease_expires_at=timezone.now() + timedelta(minutes=1),
    )

    assert jobs.export_job_run(job_id=job.pk) is None
    assert ExportJob.objects.get(pk=job.pk).status == Status.RUNNING


def test_an_attempt_that_lost_its_claim_cannot_finish_the_job(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
    ExportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, runner=uuid.uuid4())

    assert not jobs._finish(job.pk, uuid.uuid4(), status=Status.DONE, file="x.zip")
    assert ExportJob.objects.get(pk=job.pk).status == Status.RUNNING


def test_an_export_with_no_responses_fails_with_a_plain_reason(db):
    team = survey_with_team(responses=0)
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)

    jobs.export_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.counts == {"empty": True}
    assert job.error
    assert not job.file


def test_small_groups_block_an_export_until_an_owner_overrides_it(team):
    complete_responses(team.survey, 1, role="police", region="north")
    ReleaseProfile.objects.create(
        survey=team.survey, quasi_identifiers=["role", "region"], k=5, small_groups="block"
    )
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)

    jobs.export_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.BLOCKED
    assert job.error
    assert job.counts["small_groups"]
    assert not job.file

    rerun = jobs.export_job_request(
        survey=team.survey,
        requested_by=team.alice,
        options=ExportOptions.from_json(job.options),
        override_disclosure=True,
    )
    jobs.export_job_run(job_id=rerun.pk)

    assert ExportJob.objects.get(pk=rerun.pk).status == Status.DONE
    override = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT_DISCLOSURE_OVERRIDDEN)
    assert (override.actor, override.detail["job"]) == (team.alice, str(rerun.pk))


def test_packages_past_their_expiry_are_deleted_and_the_job_says_so(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
    jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()

    assert jobs.export_packages_expire(now=job.expires_at - timedelta(minutes=1)) == 0
    assert jobs.export_packages_expire(now=job.expires_at + timedelta(minutes=1)) == 1

    job.refresh_from_db()
    assert job.status == Status.EXPIRED
    assert stored_files(job) == []
    with pytest.raises(jobs.ExportNotReady):
        jobs.export_job_download(job=job, user=team.anna)


def test_a_download_is_recorded_in_the_audit_log(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
    jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()

    with jobs.export_job_download(job=job, user=team.alice) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == job.sha256

    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT_DOWNLOADED)
    assert (event.actor, event.detail["job"]) == (team.alice, str(job.pk))


def test_an_unfinished_job_has_nothing_to_download(team):
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
    with pytest.raises(jobs.ExportNotReady):
        jobs.export_job_download(job=job, user=team.anna)


def test_recovery_sends_again_the_jobs_no_worker_is_running(team):
    """Never sent (the broker was down), sent long ago and still waiting, or running with a
    lapsed lease (its worker died). Sending is real: the broker records when."""
    made = [
        jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)
        for _ in range(5)
    ]
    never_sent, sent_long_ago, dead, alive, recently_sent = made
    now = timezone.now()
    minute_ago = now - timedelta(minutes=1)
    ExportJob.objects.filter(pk=sent_long_ago.pk).update(enqueued_at=now - timedelta(hours=1))
    ExportJob.objects.filter(pk=recently_sent.pk).update(enqueued_at=minute_ago)
    ExportJob.objects.filter(pk=dead.pk).update(
        status=Status.RUNNING, lease_expires_at=now - timedelta(seconds=5), enqueued_at=minute_ago
    )
    ExportJob.objects.filter(pk=alive.pk).update(
        status=Status.RUNNING, lease_expires_at=now + timedelta(seconds=30), enqueued_at=minute_ago
    )

    sent = jobs.export_jobs_recover(now=now)

    assert set(sent) == {never_sent.pk, sent_long_ago.pk, dead.pk}
    for job in (never_sent, sent_long_ago, dead):
        assert ExportJob.objects.get(pk=job.pk).enqueued_at >= now
    for job in (alive, recently_sent):
        assert ExportJob.objects.get(pk=job.pk).enqueued_at == minute_ago


def test_a_release_profile_that_cannot_be_applied_fails_the_export_with_its_reason(team):
    ReleaseProfile.objects.create(
        survey=team.survey,
        quasi_identifiers=["years"],
        generalise={"years": {"bands": [{"label": "no limits"}]}},
    )
    job = jobs.export_job_request(survey=team.survey, requested_by=team.anna, options=CSV_ONLY)

    jobs.export_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.error.startswith("The survey's release profile cannot be applied:")
    assert "needs a min, a max or both" in job.error
