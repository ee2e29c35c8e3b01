"""Export jobs survive what goes wrong in production: a worker killed mid-export, a task
delivered twice, a broker that is down when a researcher asks for an export.

Real worker processes on the configured broker (Redis in CI), real database rows, real files.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from config.celery import app as celery_app
from exports import jobs, storage
from exports.models import ExportJob
from exports.options import ExportOptions
from exports.tasks import run_export_job
from tests.support import workers
from tests.support.export_jobs import complete_responses, survey_with_team
from tests.support.redis_server import private_redis_server

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
Status = ExportJob.Status
ALL_FORMATS = ExportOptions(formats=("csv", "xlsx", "sav", "dta", "jsonl"))


def wait_for(condition, *, within: float, what: str):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"Timed out after {within}s waiting for {what}")


def job_files(job_id) -> list[str]:
    return storage._files_under(storage.export_storage(), storage.job_folder(job_id))


@pytest.fixture
def start_worker(tmp_path):
    """Start workers with a short lease on a given queue; stop them after the test."""
    started = []

    def start(name: str, queue: str):
        worker = workers.start_worker(
            database_settings=connection.settings_dict,
            log_path=tmp_path / f"{name}.log",
            queue=queue,
            extra_env={"CANDOUR_EXPORT_LEASE_SECONDS": "3"},
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            workers.stop_worker(worker)


def test_a_worker_killed_mid_export_leaves_a_job_that_another_worker_completes_with_one_file(
    start_worker, settings
):
    """The first worker has a queue of its own, so that it alone starts the job; recovery sends
    the job to the usual queue, where the second worker (or the session's) takes it over."""
    settings.EXPORT_LEASE_SECONDS = 3
    team = survey_with_team(responses=0)
    complete_responses(team.survey, 3000)
    job = ExportJob.objects.create(
        survey=team.survey, options=ALL_FORMATS.with_seed(11).to_json(), seed=11
    )
    own_queue = f"candour-faults-{uuid.uuid4().hex[:8]}"
    first = start_worker("first", own_queue)
    run_export_job.apply_async(args=[str(job.pk)], queue=own_queue)
    wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, status=Status.RUNNING).exists(),
        within=60,
        what="the first worker to claim the job",
    )

    workers.kill_worker(first)

    assert ExportJob.objects.get(pk=job.pk).status == Status.RUNNING
    start_worker("second", workers.TEST_QUEUE)
    wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, lease_expires_at__lt=timezone.now()).exists(),
        within=30,
        what="the dead worker's lease to lapse",
    )
    assert jobs.export_jobs_recover() == [job.pk]  # what beat runs every minute
    finished = [Status.DONE, Status.FAILED]
    done = wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, status__in=finished).first(),
        within=180,
        what="the second worker to finish the job",
    )

    assert done.status == Status.DONE, done.error
    assert done.attempts == 2
    assert done.counts["rows_written"] == 3000
    assert job_files(job.pk) == [done.file.name]


def test_a_task_delivered_twice_makes_one_package(celery_worker):
    team = survey_with_team()
    job = ExportJob.objects.create(
        survey=team.survey, options=ALL_FORMATS.with_seed(3).to_json(), seed=3
    )

    results = [run_export_job.delay(str(job.pk)) for _ in range(2)]
    outcomes = sorted(result.get(timeout=120) for result in results)

    assert outcomes == ["done", "not claimed"]
    job.refresh_from_db()
    assert job.attempts == 1
    assert job_files(job.pk) == [job.file.name]


def test_a_requested_export_is_picked_up_by_a_worker_after_the_request_commits(celery_worker):
    team = survey_with_team()
    job = jobs.export_job_request(
        survey=team.survey, requested_by=team.anna, options=ExportOptions(formats=("csv",))
    )

    done = wait_for(
        lambda: ExportJob.objects.filter(pk=job.pk, status=Status.DONE).first(),
        within=60,
        what="the worker to finish the export",
    )
    assert done.enqueued_at is not None
    assert done.counts["rows_written"] == 6


def test_asking_for_an_export_while_the_broker_is_down_answers_at_once_and_the_job_waits():
    """The request does not wait for the broker: the task is sent from a background thread
    after commit. With the broker down the job stays queued, and the page says so."""
    team = survey_with_team()
    browser = Client()
    browser.force_login(team.anna)
    with private_redis_server() as (server, url), _celery_broker(url):
        server.kill()
        server.wait()
        answer = browser.post("/surveys/practice/exports/", {**FORM, "formats": ["csv"]})
        job = ExportJob.objects.get()
        wait_for(
            lambda: not any(t.name == f"send-export-{job.pk}" for t in threading.enumerate()),
            within=30,
            what="the background send to give up",
        )

        assert answer.status_code == 302
        assert answer["Location"] == f"/surveys/practice/exports/{job.pk}/"
        job.refresh_from_db()
        assert (job.status, job.enqueued_at) == (Status.QUEUED, None)
        page = browser.get(answer["Location"]).content.decode()
        assert "Waiting for a worker" in page
        assert "nothing is lost" in page


FORM = {
    "values": "codes",
    "incomplete": "exclude",
    "speeders": "flag",
    "straightlining": "flag",
    "drop_duplicates": "on",
    "dates": "month",
}


class _celery_broker:
    """Point this process's Celery app at another broker for a while (each export is sent on a
    connection of its own, made from the configuration at the time)."""

    def __init__(self, url: str):
        self.url = url

    def __enter__(self):
        self.saved = celery_app.conf.broker_url, celery_app.conf.broker_transport_options
        celery_app.conf.broker_url = self.url
        celery_app.conf.broker_transport_options = {
            "socket_timeout": 1,
            "socket_connect_timeout": 1,
        }
        return self

    def __exit__(self, *exc):
        celery_app.conf.broker_url, celery_app.conf.broker_transport_options = self.saved
