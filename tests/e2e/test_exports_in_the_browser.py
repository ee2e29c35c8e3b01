"""Issue 6's acceptance, as a researcher does it: on the demo survey, request an export of every
format, watch its progress, download the zip, open the .sav in PSPP with its labels, load the CSV
in R with load.R, read in the cleaning report what was removed; then set a daily schedule and see
it produce a package at its next slot. A real browser, server, Celery worker, PSPP and R.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from exports.models import ExportJob, ExportSchedule
from exports.schedules import schedules_dispatch_due
from surveys.models import Survey, SurveyMembership
from tests.support.browser import assert_accessible
from tests.support.journey import press_button
from tests.support.researchers import PASSWORD, researcher
from tests.support.workspace_browser import follow_link, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

DEMO = "complex-safeguarding"
WORKER_TIMEOUT_MS = 120_000


@pytest.fixture
def analyst_of_the_demo(transactional_db):
    call_command("seed_demo", verbosity=0)
    analyst = researcher("anna")
    SurveyMembership.objects.create(
        survey=Survey.objects.get(slug=DEMO), user=analyst, role=SurveyMembership.Role.ANALYST
    )
    return analyst


def request_every_format(page: Page) -> None:
    follow_link(page, "Exports")
    assert_accessible(page)
    for label in ["Excel workbook (.xlsx)", "JSON Lines (one response per line)"]:
        page.get_by_label(label).check()
    press_button(page, "Export data")
    assert "/exports/" in page.url
    assert_accessible(page)


def wait_until_ready(page: Page) -> None:
    """The page's script follows the job and reloads when it finishes."""
    expect(page.get_by_role("link", name="Download the package")).to_be_visible(
        timeout=WORKER_TIMEOUT_MS
    )
    assert_accessible(page)


def download(page: Page, folder: Path) -> Path:
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download the package").click()
    archive = folder / waiting.value.suggested_filename
    waiting.value.save_as(archive)
    unpacked = folder / "package"
    with zipfile.ZipFile(archive) as package:
        package.extractall(unpacked)
    return unpacked


def spss_dictionary(package: Path) -> str:
    if not shutil.which("pspp"):
        pytest.skip("GNU PSPP is not installed (make test installs it)")
    syntax = package / "show.sps"
    syntax.write_text(f'GET FILE="{package / (DEMO + ".sav")}".\nDISPLAY DICTIONARY.\n')
    shown = subprocess.run(
        ["pspp", "-O", "format=txt", str(syntax)],
        capture_output=True,
        text=True,
        check=True,
        cwd=package,
    )
    return shown.stdout


def r_factor_levels(package: Path) -> str:
    if not shutil.which("Rscript"):
        pytest.skip("R is not installed (make test installs it)")
    script = 'source("load.R"); cat(is.factor(data$role), attr(data$role, "label"), sep="\\n")'
    shown = subprocess.run(
        ["Rscript", "-e", script], capture_output=True, text=True, check=True, cwd=package
    )
    return shown.stdout


def test_an_analyst_exports_the_demo_and_opens_it_in_spss_and_r(
    page: Page, live_server, celery_worker, analyst_of_the_demo, tmp_path
):
    sign_in(page, live_server.url, "anna@example.org", PASSWORD)
    page.goto(f"{live_server.url}/surveys/{DEMO}/")

    request_every_format(page)
    wait_until_ready(page)
    package = download(page, tmp_path)

    names = {path.name for path in package.iterdir()}
    for extension in ("csv", "xlsx", "sav", "dta", "jsonl"):
        assert f"{DEMO}.{extension}" in names
    assert {"codebook.html", "cleaning_report.html", "load.R", "load.sps"} <= names
    dictionary = spss_dictionary(package)
    assert "Which of these best describes your role?" in dictionary  # a variable label
    assert "Social worker" in dictionary  # a value label
    levels = r_factor_levels(package)
    assert levels.splitlines()[0] == "TRUE"
    assert "role" in levels.splitlines()[1].lower()
    report = json.loads((package / "cleaning_report.json").read_text())
    incomplete = next(step for step in report["steps"] if step["key"] == "incomplete")
    assert incomplete["counts"]["excluded"] == 10  # the demo's unfinished responses
    assert report["rows"]["written"] == 65
    page.goto(f"{live_server.url}/surveys/{DEMO}/exports/")
    expect(page.get_by_role("link", name="Download").first).to_be_visible()


def test_a_daily_schedule_produces_a_package_at_its_next_slot(
    page: Page, live_server, celery_worker, analyst_of_the_demo
):
    sign_in(page, live_server.url, "anna@example.org", PASSWORD)
    page.goto(f"{live_server.url}/surveys/{DEMO}/exports/")
    follow_link(page, "Add a schedule")
    assert_accessible(page)
    page.get_by_label("Name").fill("Every morning for the analysis team")
    page.get_by_label("Every day").check()
    page.get_by_label("Time", exact=True).fill("06:00")
    page.get_by_label("E-mail a link to (optional)").fill("analysis@example.org")
    press_button(page, "Save the schedule")
    expect(
        page.get_by_role("cell", name="Every morning for the analysis team", exact=True)
    ).to_be_visible()
    assert_accessible(page)

    schedule = ExportSchedule.objects.get()
    # What beat's every-minute dispatch does when the clock passes the slot.
    [job] = schedules_dispatch_due(now=schedule.next_run_at + timedelta(seconds=30))

    page.goto(f"{live_server.url}/surveys/{DEMO}/exports/{job.pk}/")
    wait_until_ready(page)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert job.slot == schedule.next_run_at
    schedule.refresh_from_db()
    assert schedule.next_run_at == job.slot + timedelta(days=1)
    # The worker e-mails the link (the console backend writes it to the worker's log).
    assert celery_worker.logged("Export ready: Every morning for the analysis team", within=30)
    assert celery_worker.logged(f"/surveys/{DEMO}/exports/{job.pk}/", within=5)
