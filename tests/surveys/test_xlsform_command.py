"""`manage.py import_xlsform` and `export_xlsform`: the new survey's address as the last word of
the last line; a bad file or owner a clear message and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from surveys.library import instrument_template
from surveys.models import Survey
from surveys.services import survey_publish
from tests.support.workers import database_url
from tests.support.xlsform import row, xlsform

ROOT = Path(__file__).resolve().parents[2]
POLICE = instrument_template("police_disruption").path
DUPLICATE_NAMES = xlsform(survey=[row("text", "age", "Age"), row("integer", "age", "Age again")])


@pytest.fixture
def researcher():
    return get_user_model().objects.create_user("alice", "alice@example.org", "x")


def import_xlsform(*args: str) -> str:
    out = StringIO()
    call_command("import_xlsform", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_prints_the_new_surveys_address_as_the_last_word(researcher):
    output = import_xlsform(str(POLICE), "--owner", "ALICE@example.org")
    last_line = output.strip().splitlines()[-1]
    survey = Survey.objects.get()
    assert last_line.split()[-1] == survey.slug == "police-disruption"
    assert last_line == (
        "Imported ‘Police perspectives on disrupting child sexual abuse’ as a draft at "
        "police-disruption"
    )
    assert survey.current_version is None


@pytest.mark.django_db
def test_import_with_publish_publishes_version_1(researcher):
    output = import_xlsform(str(POLICE), "--owner", "alice@example.org", "--publish")
    survey = Survey.objects.get()
    assert survey.current_version.number == 1
    assert output.strip().splitlines()[-1].endswith("(version 1) at police-disruption")


@pytest.mark.django_db
def test_import_prints_the_report_before_the_address(researcher, tmp_path):
    path = tmp_path / "flat.xlsx"
    path.write_bytes(xlsform(survey=[row("text", "job", "Job"), row("geopoint", "where", "Where")]))
    lines = import_xlsform(str(path), "--owner", "alice@example.org", "--slug", "flat").splitlines()
    assert "  survey sheet, row 3: type geopoint is not supported; the question was left out." in (
        lines
    )
    assert lines[-1].split()[-1] == "flat"


@pytest.mark.django_db
def test_an_unknown_owner_is_a_clear_error(researcher):
    with pytest.raises(CommandError) as caught:
        import_xlsform(str(POLICE), "--owner", "bob@example.org")
    assert str(caught.value) == "No active user has the e-mail address bob@example.org."
    assert not Survey.objects.exists()


@pytest.mark.django_db
def test_a_malformed_workbook_names_the_sheet_and_row(researcher, tmp_path):
    path = tmp_path / "duplicates.xlsx"
    path.write_bytes(DUPLICATE_NAMES)
    with pytest.raises(CommandError) as caught:
        import_xlsform(str(path), "--owner", "alice@example.org")
    assert str(caught.value) == (
        f"{path} cannot be imported; nothing was saved.\n"
        "  survey sheet, row 3: The 'name' value 'age' is invalid. Questions, groups, and repeats "
        "must be unique within their nearest parent group or repeat, or the survey if not inside "
        "a group or repeat."
    )


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError) as caught:
        import_xlsform(str(tmp_path / "nowhere.xlsx"), "--owner", "alice@example.org")
    assert (
        str(caught.value) == f"Cannot read {tmp_path / 'nowhere.xlsx'}: No such file or directory."
    )


def manage(*args: str, database: str | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    if database:
        environment["DATABASE_URL"] = database
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_from_the_shell_a_bad_file_exits_non_zero_without_a_traceback(tmp_path):
    path = tmp_path / "duplicates.xlsx"
    path.write_bytes(DUPLICATE_NAMES)
    finished = manage("import_xlsform", str(path), "--owner", "alice@example.org")
    assert finished.returncode == 1
    assert "Traceback" not in finished.stderr
    assert "survey sheet, row 3: The 'name' value 'age' is invalid." in finished.stderr


@pytest.mark.django_db(transaction=True)
def test_from_the_shell_a_good_file_exits_zero_with_the_address_last(researcher):
    database = database_url(connection.settings_dict)
    finished = manage(
        "import_xlsform", str(POLICE), "--owner", "alice@example.org", database=database
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip().splitlines()[-1].split()[-1] == "police-disruption"
    assert Survey.objects.filter(slug="police-disruption").exists()


@pytest.mark.django_db
def test_export_writes_a_workbook_that_imports_back(researcher, tmp_path):
    import_xlsform(str(POLICE), "--owner", "alice@example.org")
    out = StringIO()
    path = tmp_path / "out.xlsx"
    call_command("export_xlsform", "police-disruption", "--out", str(path), stdout=out)
    assert out.getvalue().strip() == (
        f"Wrote the draft of ‘Police perspectives on disrupting child sexual abuse’ to {path}"
    )
    output = import_xlsform(str(path), "--owner", "alice@example.org")
    assert output.strip().split()[-1] == "police-disruption-2"


@pytest.mark.django_db
def test_export_writes_json_and_published_versions(researcher, tmp_path):
    import_xlsform(str(POLICE), "--owner", "alice@example.org")
    survey_publish(survey=Survey.objects.get())
    path = tmp_path / "out.json"
    call_command(
        "export_xlsform",
        "police-disruption",
        "--out",
        str(path),
        "--format",
        "json",
        "--published-version",
        "1",
        stdout=StringIO(),
    )
    assert json.loads(path.read_text())["format"] == "candour-instrument"


@pytest.mark.django_db
def test_export_of_an_unknown_survey_or_version_is_a_clear_error(researcher, tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("export_xlsform", "nowhere", "--out", str(tmp_path / "x.xlsx"))
    assert str(caught.value) == "No survey has the address nowhere."
    import_xlsform(str(POLICE), "--owner", "alice@example.org")
    with pytest.raises(CommandError) as caught:
        call_command(
            "export_xlsform",
            "police-disruption",
            "--out",
            str(tmp_path / "x.xlsx"),
            "--published-version",
            "3",
        )
    assert str(caught.value) == "police-disruption has no published version 3."
