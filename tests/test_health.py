"""/healthz: database, broker and worker status, bounded in time whatever is down."""

import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.support.redis_server import free_port
from tests.support.workers import ROOT, database_url


class HealthzProbe:
    """/healthz asked from its own process, configured by environment variables."""

    def __init__(self, **env):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.healthz_probe"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self) -> dict:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the probe process died"
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def probe():
    probes = []

    def start(**env):
        probes.append(HealthzProbe(**env))
        return probes[-1]

    yield start
    for each in probes:
        each.close()


@pytest.mark.worker
@pytest.mark.django_db
def test_it_reports_database_broker_and_worker_ok(client, celery_worker):
    response = client.get("/healthz", HTTP_HOST="localhost")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["broker"]["status"] == "ok"
    assert body["worker"]["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_it_reports_the_worker_down_when_no_worker_consumes_the_queue(probe):
    answer = probe(
        DATABASE_URL=database_url(connection.settings_dict),
        CELERY_TASK_DEFAULT_QUEUE=f"nobody-listens-{uuid.uuid4().hex}",
    ).ask()

    assert answer["status_code"] == 200
    assert answer["body"]["status"] == "degraded"
    assert answer["body"]["database"]["status"] == "ok"
    assert answer["body"]["broker"]["status"] == "ok"
    assert answer["body"]["worker"]["status"] == "down"
    assert answer["body"]["worker"]["detail"] == "TimeoutError"


def test_it_answers_503_when_the_database_is_unreachable(probe):
    answer = probe(DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/candour").ask()

    assert answer["status_code"] == 503
    assert answer["body"]["status"] == "down"
    assert answer["body"]["database"]["status"] == "down"
    assert answer["body"]["database"]["detail"] == "OperationalError"


@pytest.mark.django_db
def test_it_reports_the_broker_down_within_two_seconds_when_redis_stops(probe, private_redis):
    redis_server, redis_url = private_redis
    healthz = probe(DATABASE_URL=database_url(connection.settings_dict), REDIS_URL=redis_url)
    assert healthz.ask()["body"]["broker"]["status"] == "ok"

    redis_server.terminate()
    redis_server.wait(timeout=10)
    answer = healthz.ask()

    assert answer["status_code"] == 200
    assert answer["body"]["broker"]["status"] == "down"
    assert answer["body"]["worker"]["status"] == "unknown"
    assert answer["elapsed"] < 2.0


@pytest.mark.django_db
def test_it_says_the_unlinking_batches_have_never_run_on_a_new_site(client):
    body = client.get("/healthz", HTTP_HOST="localhost").json()

    assert body["unlinking"] == {"status": "never", "last_run": None, "interval_seconds": 3600}


@pytest.mark.django_db
def test_it_says_when_the_unlinking_batches_last_ran(client):
    from responses.unlinking import unlinking_run

    ran_at = timezone.now() - timedelta(minutes=50)
    unlinking_run(now=ran_at)

    body = client.get("/healthz", HTTP_HOST="localhost").json()

    assert body["unlinking"] == {
        "status": "ok",
        "last_run": ran_at.isoformat(),
        "interval_seconds": 3600,
    }


@pytest.mark.django_db
def test_it_reports_degraded_when_the_batches_missed_two_intervals(client):
    from responses.unlinking import unlinking_run

    unlinking_run(now=timezone.now() - timedelta(hours=2, minutes=1))

    body = client.get("/healthz", HTTP_HOST="localhost").json()

    assert body["unlinking"]["status"] == "late"
    assert body["status"] == "degraded"
