"""Exports through the API: the same options and the same jobs as the workspace's export page
(exports.forms, exports.jobs), run by a real Celery worker, downloaded as the zip with
Cache-Control: no-store and recorded in the audit log like a download from the page."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from exports.models import ExportJob
from responses.models import Response

EXPORTS = "/api/v1/surveys/team-survey/exports/"


def _complete_responses(team, count=6):
    for n in range(count):
        Response.objects.create(
            survey=team.survey,
            version=team.survey.current_version,
            status=Response.Status.COMPLETE,
            answers={"role": "police", "years": n},
            started_on=timezone.localdate(),
            submitted_at=timezone.now().replace(minute=0, second=0, microsecond=0),
        )


def _wait_until_finished(client, url: str, *, within: float = 120) -> dict:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["finished"]:
            return job
        time.sleep(0.2)
    raise AssertionError(f"the export at {url} did not finish within {within}s")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_analyst_runs_an_export_and_downloads_the_package(api, team, celery_worker):
    _complete_responses(team)
    client = api("analyst")

    asked = client.post(EXPORTS, {"formats": ["csv", "jsonl"], "values": "labels"})
    assert asked.status_code == 202, asked.content
    job = _wait_until_finished(client, asked["Location"])
    package = client.get(job["download_url"])

    assert job["status"] == "done", job["error"]
    assert job["percent"] == 100
    assert package.status_code == 200
    assert package["Content-Type"] == "application/zip"
    assert package["Cache-Control"] == "no-store"
    content = b"".join(package.streaming_content)
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert any(name.endswith(".csv") for name in names)
    assert any(name.endswith(".jsonl") for name in names)
    assert AuditEvent.objects.filter(
        action="export.downloaded", actor=team.analyst, detail__job=job["id"]
    ).exists()
    stored = ExportJob.objects.get(pk=job["id"])
    assert stored.options["values"] == "labels"
    assert stored.options["redact_free_text"] is True  # the page's defaults


def test_a_package_not_ready_yet_is_a_409(api, team):
    _complete_responses(team, 1)
    asked = api("owner").post(EXPORTS, {"formats": ["csv"]}).json()

    answer = api("owner").get(f"/api/v1/exports/{asked['id']}/download/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "export_not_ready"


def test_an_analyst_cannot_switch_off_a_safeguard(api, team):
    answer = api("analyst").post(EXPORTS, {"formats": ["csv"], "redact_free_text": False})

    assert answer.status_code == 403
    assert answer.json()["code"] == "safeguard_owner_only"
    assert not ExportJob.objects.exists()


def test_an_owner_may_and_it_is_audited(api, team):
    answer = api("owner").post(EXPORTS, {"formats": ["csv"], "disclosure_check": False})

    assert answer.status_code == 202
    assert AuditEvent.objects.filter(
        action="export.override", detail__switched_off=["disclosure_check"]
    ).exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"formats": ["pdf"]}, {"formats.0"}),
        ({"formats": []}, {"formats", "non_field_errors"}),
        ({"dates": "exact"}, {"dates"}),
        ({"colour": "blue"}, {"colour"}),
    ],
)
def test_options_the_page_would_refuse_are_400_with_details(api, team, body, fields):
    answer = api("owner").post(EXPORTS, body)

    assert answer.status_code == 400
    assert set(answer.json()["details"]) == fields
    assert not ExportJob.objects.exists()
