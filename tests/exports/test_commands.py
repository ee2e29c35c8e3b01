"""`manage.py export` and `manage.py seed_responses`, as someone at a terminal uses them."""

from __future__ import annotations

import zipfile

import pytest
from django.core.management import ManagementUtility, call_command

from responses.models import Response
from tests.exports.conftest import FULL_ANSWERS, make_response


def run(*argv: str, capsys) -> tuple[int, list[str], list[str]]:
    """Run a command as the shell would: (exit status, stdout lines, stderr lines).

    `ManagementUtility.execute()` would run `django.setup()` again, and so configure logging
    anew onto capsys's stream, which is closed after the test; running the fetched command
    from its argv is what `execute()` does after setting up."""
    status = 0
    try:
        ManagementUtility(["manage.py", *argv]).fetch_command(argv[0]).run_from_argv(
            ["manage.py", *argv]
        )
    except SystemExit as exit:
        status = exit.code or 0
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


def test_export_prints_the_packages_path_last(every_type_survey, tmp_path, capsys):
    make_response(every_type_survey, FULL_ANSWERS)

    status, out, err = run(
        "export", "every-type", "--out", str(tmp_path), "--format", "csv,sav", "--seed", "4",
        capsys=capsys,
    )  # fmt: skip

    assert (status, err) == (0, [])
    assert out[-1].endswith(".zip") and out[-1].startswith(str(tmp_path))
    with zipfile.ZipFile(out[-1]) as package:
        assert {"every-type.csv", "every-type.sav", "manifest.json"} <= set(package.namelist())
    assert [p.name for p in tmp_path.iterdir()] == [out[-1].rsplit("/", 1)[1]]


def test_export_takes_cleaning_options(every_type_survey, tmp_path, capsys):
    make_response(every_type_survey, FULL_ANSWERS)
    make_response(every_type_survey, {"consent": True}, status=Response.Status.IN_PROGRESS)

    status, out, _ = run(
        "export", "every-type", "--out", str(tmp_path), "--format", "csv",
        "--incomplete", "flag", "--values", "labels", "--no-shuffle", capsys=capsys,
    )  # fmt: skip

    assert status == 0
    with zipfile.ZipFile(out[-1]) as package:
        data = package.read("every-type.csv").decode("utf-8-sig")
    assert "flag_incomplete" in data and "Police" in data


@pytest.mark.parametrize(
    ("argv", "message", "code"),
    [
        (["nope"], "CommandError: No survey has the slug ‘nope’.", 1),
        (["every-type", "--format", "pdf"], "CommandError: formats: pdf is not one of", 1),
        (["every-type", "--speeders", "often"], "CommandError: speeders: often is not one of", 1),
        (["every-type", "--seed", "abc"], "CommandError: --seed: abc is not a number", 1),
        (["every-type", "--frobnicate"], "export: error: unrecognized arguments: --frobnicate", 2),
    ],
)
def test_a_bad_slug_format_or_option_is_one_line_and_a_failure(
    every_type_survey, tmp_path, capsys, argv, message, code
):
    make_response(every_type_survey, FULL_ANSWERS)

    status, out, err = run("export", *argv, "--out", str(tmp_path), capsys=capsys)

    assert status == code
    assert len(err) == 1 and err[0].startswith(message)
    assert out == [] and not list(tmp_path.iterdir())


def test_export_works_without_a_release_profile_and_says_when_there_is_nothing(
    every_type_survey, tmp_path, capsys
):
    status, _, err = run("export", "every-type", "--out", str(tmp_path), capsys=capsys)

    assert status == 1
    assert err == ["CommandError: There are no responses to export."]


def test_seed_responses_adds_valid_complete_responses_to_the_current_version(every_type_survey):
    from surveys.relevance import prune
    from surveys.schema import instrument_for_version

    call_command("seed_responses", "every-type", "--count", "25", stdout=None)

    responses = list(every_type_survey.responses.all())
    instrument = instrument_for_version(every_type_survey.current_version)
    assert len(responses) == 25
    assert {r.status for r in responses} == {Response.Status.COMPLETE}
    assert all(prune(instrument, r.answers) == r.answers for r in responses)
    assert all(r.answers.get("consent") is True for r in responses)
    assert all(r.duration_seconds and r.submitted_at for r in responses)
