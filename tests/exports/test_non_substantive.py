"""Non-substantive options ("Prefer not to say", "Not sure", "Not applicable") are answers, but
not points of a scale: SPSS and Stata hold them as labelled missing values, so a mean or a
frequency of the scale leaves them out, while CSV, Excel and JSON Lines keep their own codes."""

from __future__ import annotations

import math

import pyreadstat
import pytest

from tests.exports.conftest import build, csv_rows, extract, make_response
from tests.support.surveys import published_survey

APART = {"non_substantive": True}
PAGES = [
    {
        "title": "About you",
        "questions": [
            {
                "code": "role",
                "type": "single_choice",
                "label": "Your role",
                "choices": [
                    ("social_worker", "Social worker"),
                    ("police", "Police"),
                    ("prefer_not", "Prefer not to say", APART),
                ],
            },
            {
                "code": "confident",
                "type": "likert",
                "label": "I feel confident",
                "choices": [
                    ("1", "Disagree"),
                    ("2", "Neither"),
                    ("3", "Agree"),
                    ("9", "Not sure", APART),
                ],
            },
            {
                "code": "grid",
                "type": "matrix",
                "label": "How useful is each tool?",
                "config": {
                    "rows": [
                        {"value": "a", "label": "Tool A"},
                        {"value": "b", "label": "Tool B"},
                    ]
                },
                "choices": [
                    ("1", "Not useful"),
                    ("2", "Useful"),
                    ("8", "Not applicable", APART),
                    ("9", "Don't know", APART),
                ],
            },
        ],
    }
]


@pytest.fixture
def answered(db):
    survey = published_survey(pages=PAGES, slug="apart", title="Non-substantive options")
    for answers in [
        {"role": "police", "confident": 3, "grid": {"a": 2, "b": 8}},
        {"role": "prefer_not", "confident": 9, "grid": {"a": 9, "b": 1}},
    ]:
        make_response(survey, answers)
    return survey


def _by_role(rows):
    return sorted(rows, key=lambda row: str(row["role"]))


def test_spss_holds_them_as_labelled_user_missing_codes(answered, tmp_path):
    _, members = build(answered, tmp_path, formats=("sav",), shuffle=False)
    path = extract(members, tmp_path / "out") / "apart.sav"

    data, meta = pyreadstat.read_sav(str(path), user_missing=True)
    rows = _by_role(data.to_dict("records"))

    role_codes = {label: code for code, label in meta.variable_value_labels["role"].items()}
    assert role_codes["Prefer not to say"] == -1
    assert [row["role"] for row in rows] == [-1, role_codes["Police"]]
    assert [row["confident"] for row in rows] == [-1, 3]
    assert [(row["grid_a"], row["grid_b"]) for row in rows] == [(-2, 1), (2, -1)]
    assert meta.variable_value_labels["grid_a"][-1] == "Not applicable"
    assert meta.variable_value_labels["grid_a"][-2] == "Don't know"
    assert meta.variable_value_labels["confident"][-1] == "Not sure"
    for name in ("role", "confident", "grid_a", "grid_b"):
        assert meta.missing_ranges[name] == [{"lo": -99.0, "hi": -1.0}]

    plain, _ = pyreadstat.read_sav(str(path))  # user-missing read as missing
    assert sorted(plain["confident"].tolist(), key=math.isnan) == [
        3,
        pytest.approx(math.nan, nan_ok=True),
    ]


def test_stata_holds_them_as_labelled_extended_missing_values(answered, tmp_path):
    _, members = build(answered, tmp_path, formats=("dta",), shuffle=False)
    path = extract(members, tmp_path / "out") / "apart.dta"

    data, meta = pyreadstat.read_dta(str(path), user_missing=True)
    rows = sorted(data.to_dict("records"), key=lambda row: str(row["role"]))

    assert {row["role"] for row in rows} == {"d", 2}
    assert {row["confident"] for row in rows} == {"d", 3}
    assert {(row["grid_a"], row["grid_b"]) for row in rows} == {(2, "d"), ("e", 1)}
    assert meta.variable_value_labels["grid_a"]["d"] == "Not applicable"
    assert meta.variable_value_labels["grid_a"]["e"] == "Don't know"
    assert meta.variable_value_labels["role"]["d"] == "Prefer not to say"

    plain, _ = pyreadstat.read_dta(str(path))
    assert plain["confident"].isna().sum() == 1


def test_flat_files_keep_the_options_own_codes_and_the_codebook_says_how(answered, tmp_path):
    _, members = build(answered, tmp_path, formats=("csv",), shuffle=False)

    rows = _by_role(csv_rows(members, "apart.csv"))
    assert [(r["role"], r["confident"], r["grid_a"], r["grid_b"]) for r in rows] == [
        ("police", "3", "2", "8"),
        ("prefer_not", "9", "9", "1"),
    ]
    codebook = {row["Variable"]: row for row in csv_rows(members, "codebook.csv")}
    assert "-1 = Prefer not to say" in codebook["role"]["Missing values"]
    assert "-2 = Don't know" in codebook["grid_a"]["Missing values"]
    assert ".d, .e" in codebook["grid_b"]["Missing values"]
    assert "-1 = prefer_not" in codebook["role"]["SPSS and Stata codes"]
    assert "-1 = 8; -2 = 9" in codebook["grid_a"]["SPSS and Stata codes"]


def test_load_sps_recodes_them_like_the_sav(answered, tmp_path):
    _, members = build(answered, tmp_path, formats=("csv",), shuffle=False)
    script = members["load.sps"].decode()

    assert "RECODE confident (9=-1)." in script
    assert "RECODE grid_a (8=-1) (9=-2)." in script
    assert "('prefer_not'=-1)" in script
    assert "MISSING VALUES role (-99 THRU -1)." in script
