"""Cleaning steps: each switchable, each with its parameters and counts in the report."""

from __future__ import annotations

from datetime import date

import pytest

from exports.dataset import NothingToExport
from exports.models import ReleaseProfile
from responses.models import Response
from tests.exports.conftest import FULL_ANSWERS, build, csv_rows, make_response


def _steps(survey, tmp_path, **options):
    import json

    _, members = build(survey, tmp_path, formats=("csv",), **options)
    report = json.loads(members["cleaning_report.json"])
    return {step["key"]: step for step in report["steps"]}, csv_rows(members), report


def test_test_responses_are_left_out_unless_asked_for_and_then_flagged(every_type_survey, tmp_path):
    make_response(every_type_survey, FULL_ANSWERS)
    make_response(every_type_survey, {**FULL_ANSWERS, "years": 3}, is_test=True)

    steps, rows, _ = _steps(every_type_survey, tmp_path)
    assert len(rows) == 1 and steps["test_responses"]["counts"] == {"excluded": 1}

    steps, rows, _ = _steps(every_type_survey, tmp_path, include_test=True)
    assert sorted(row["flag_test"] for row in rows) == ["0", "1"]
    assert steps["test_responses"]["counts"] == {"included": 1, "flagged": 1}


@pytest.mark.parametrize(
    ("mode", "rows", "columns"),
    [("exclude", 1, set()), ("include", 2, {"status"}), ("flag", 2, {"status", "flag_incomplete"})],
)
def test_unfinished_responses_are_excluded_included_or_flagged(
    every_type_survey, tmp_path, mode, rows, columns
):
    make_response(every_type_survey, FULL_ANSWERS)
    make_response(every_type_survey, {"consent": True}, status=Response.Status.IN_PROGRESS)

    steps, written, _ = _steps(every_type_survey, tmp_path, incomplete=mode)

    assert len(written) == rows
    assert {"status", "flag_incomplete"} & set(written[0]) == columns
    assert steps["incomplete"]["parameters"] == {"mode": mode}


def test_exact_duplicates_are_dropped_keeping_one(every_type_survey, tmp_path):
    for _ in range(3):
        make_response(every_type_survey, FULL_ANSWERS, duration=700)
    make_response(every_type_survey, FULL_ANSWERS, duration=701)  # same answers, other time

    steps, rows, _ = _steps(every_type_survey, tmp_path)

    assert len(rows) == 2
    assert steps["duplicates"]["counts"] == {"groups": 1, "rows_in_groups": 3, "dropped": 2}
    _, kept, _ = _steps(every_type_survey, tmp_path, drop_duplicates=False)
    assert len(kept) == 4


def test_speeders_below_a_third_of_the_median_are_flagged_or_dropped(every_type_survey, tmp_path):
    for seconds in (600, 620, 640, 660, 150):
        make_response(every_type_survey, {**FULL_ANSWERS, "years": seconds}, duration=seconds)

    steps, rows, _ = _steps(every_type_survey, tmp_path)
    flagged = {row["years"] for row in rows if row["flag_speeder"] == "1"}
    assert flagged == {"150"}
    assert steps["speeders"]["parameters"]["threshold_seconds"] == 206.7
    assert steps["speeders"]["counts"]["median_seconds"] == 620

    steps, rows, _ = _steps(every_type_survey, tmp_path, speeders="drop", speeder_fraction=0.5)
    assert len(rows) == 4 and steps["speeders"]["counts"]["dropped"] == 1


def test_straight_lining_in_a_matrix_is_flagged(every_type_survey, tmp_path):
    make_response(every_type_survey, {**FULL_ANSWERS, "grid": {"a": 2, "b": 2, "c": 2}})
    make_response(every_type_survey, FULL_ANSWERS)

    steps, rows, _ = _steps(every_type_survey, tmp_path)

    assert sorted(row["flag_straightline"] for row in rows) == ["0", "1"]
    assert steps["straightlining"]["counts"] == {"by_matrix": {"grid": 1}, "flagged": 1}
    _, rows, _ = _steps(every_type_survey, tmp_path, straightlining="off")
    assert "flag_straightline" not in rows[0]


def test_the_release_profiles_questions_to_drop_never_leave(every_type_survey, tmp_path):
    ReleaseProfile.objects.create(survey=every_type_survey, drop_questions=["seen", "nope"])
    make_response(every_type_survey, FULL_ANSWERS)

    steps, rows, _ = _steps(every_type_survey, tmp_path)

    assert not [name for name in rows[0] if name.startswith("seen")]
    assert steps["drop_questions"]["counts"] == {"variables_removed": 5}
    assert steps["drop_questions"]["notes"] == [
        "${nope} is not a question of the versions exported."
    ]


def test_a_step_switched_off_says_so_in_the_report(every_type_survey, tmp_path):
    make_response(every_type_survey, FULL_ANSWERS)

    steps, _, _ = _steps(every_type_survey, tmp_path, redact_free_text=False, speeders="off")

    assert steps["redaction"]["enabled"] is False and steps["speeders"]["enabled"] is False
    assert steps["duplicates"]["enabled"] is True


def test_nothing_left_after_cleaning_is_nothing_to_export(every_type_survey, tmp_path):
    make_response(every_type_survey, FULL_ANSWERS, is_test=True)

    with pytest.raises(NothingToExport):
        build(every_type_survey, tmp_path)


def test_dates_leave_by_month_by_default_and_never_finer_than_stored(every_type_survey, tmp_path):
    make_response(every_type_survey, FULL_ANSWERS, started_on=date(2026, 3, 14))

    _, rows, _ = _steps(every_type_survey, tmp_path)
    assert (rows[0]["started"], rows[0]["submitted"]) == ("2026-03", "2026-03")
    _, rows, _ = _steps(every_type_survey, tmp_path, dates="none")
    assert "started" not in rows[0] and "submitted" not in rows[0]
    every_type_survey.submit_time_precision = "month"
    every_type_survey.save()
    _, rows, _ = _steps(every_type_survey, tmp_path, dates="date")
    assert rows[0]["started"] == "2026-03"
