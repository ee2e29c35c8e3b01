"""Small groups on the release profile's quasi-identifiers: found, listed, suppressed or blocked."""

from __future__ import annotations

import json

import pyreadstat
import pytest

from exports.cleaning import DisclosureBlocked
from exports.models import ReleaseProfile
from tests.exports.conftest import FULL_ANSWERS, build, csv_rows, extract, make_response


@pytest.fixture
def one_london_teacher(every_type_survey):
    """Five police officers in London, and one teacher: unique on role × region."""
    for years in range(5):
        make_response(every_type_survey, {**FULL_ANSWERS, "years": years})
    make_response(every_type_survey, {**FULL_ANSWERS, "role": "teacher", "years": 9})
    return every_type_survey


def _profile(survey, **fields):
    return ReleaseProfile.objects.create(
        survey=survey, **({"quasi_identifiers": ["role", "region"]} | fields)
    )


def test_a_unique_combination_is_suppressed_and_counted_but_never_named_in_the_package(
    one_london_teacher, tmp_path
):
    _profile(one_london_teacher)

    _, members = build(one_london_teacher, tmp_path, formats=("csv", "sav"), missing_codes=True)
    rows = csv_rows(members)
    report = json.loads(members["cleaning_report.json"])
    teacher = next(row for row in rows if row["years"] == "9")

    assert (teacher["role"], teacher["region"]) == ("-97", "-97")
    assert {row["role"] for row in rows if row is not teacher} == {"police"}
    assert report["small_groups"] == {"combinations": 1, "responses": 1}
    # Naming "teacher in London" next to the one blanked-out row would undo the suppression.
    for name in ("cleaning_report.json", "cleaning_report.html"):
        assert b"teacher" not in members[name].lower(), name
    html = members["cleaning_report.html"].decode()
    assert "1 row fell in 1 combination" in html
    assert "quasi-identifiers are blanked out" in html
    disclosure = next(step for step in report["steps"] if step["key"] == "disclosure")
    assert disclosure["counts"] == {
        "rows_in_small_groups": 1,
        "small_groups": 1,
        "cells_suppressed": 3,
    }  # fmt: skip  (role, its "other" text and region)
    sav, meta = pyreadstat.read_sav(
        str(extract(members, tmp_path / "x") / "every-type.sav"), user_missing=True
    )
    assert meta.variable_value_labels["role"][-97.0] == "Suppressed (small group)"
    assert sorted(sav["role"])[0] == -97


def test_a_profile_that_blocks_small_groups_stops_the_export_with_the_reason(
    one_london_teacher, tmp_path
):
    _profile(one_london_teacher, small_groups="block")

    with pytest.raises(DisclosureBlocked) as blocked:
        build(one_london_teacher, tmp_path)

    assert "1 response falls in 1 combination of role, region" in blocked.value.reason
    assert blocked.value.combinations == [
        {"values": {"role": "teacher", "region": "london"}, "count": 1}
    ]
    assert not list(tmp_path.rglob("*.zip"))


def test_an_owners_override_releases_the_rows_and_the_report_says_so(one_london_teacher, tmp_path):
    from datetime import datetime

    from django.utils import timezone

    from exports.options import ExportOptions
    from exports.pipeline import package_build

    _profile(one_london_teacher, small_groups="block")

    result = package_build(
        survey=one_london_teacher,
        options=ExportOptions(seed=1, formats=("csv",)),
        directory=tmp_path,
        override_disclosure=True,
        generated_at=timezone.make_aware(datetime(2026, 4, 1)),
    )

    assert result.report["disclosure_override"] is True
    assert result.small_groups == [{"values": {"role": "teacher", "region": "london"}, "count": 1}]
    disclosure = next(s for s in result.report["steps"] if s["key"] == "disclosure")
    assert "an owner overrode it" in disclosure["notes"][0]


def test_generalising_into_bands_and_merging_options_can_make_groups_big_enough(
    one_london_teacher, tmp_path
):
    _profile(
        one_london_teacher,
        quasi_identifiers=["role", "years"],
        generalise={
            "years": {"bands": [{"max": 9, "label": "Under 10"}, {"min": 10}]},
            "role": {"merge": {"police": "frontline", "teacher": "frontline"}},
        },
    )

    _, members = build(one_london_teacher, tmp_path, formats=("csv",))
    rows = csv_rows(members)
    codebook = {row["Variable"]: row for row in csv_rows(members, "codebook.csv")}

    assert {(row["role"], row["years"]) for row in rows} == {("frontline", "Under 10")}
    assert json.loads(members["cleaning_report.json"])["small_groups"] == {
        "combinations": 0,
        "responses": 0,
    }
    assert "Under 10 = Under 10" in codebook["years"]["Values and labels"]
    assert "frontline = Police / Teacher" in codebook["role"]["Values and labels"]
