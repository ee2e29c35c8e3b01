"""Every data file, read back by an independent reader, says what the CSV says, cell for cell."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date

import openpyxl
import pyreadstat
import pytest

from exports.layout import Layout, Variable
from exports.options import ExportOptions
from exports.writers import csv as csv_writer
from exports.writers.csv import CsvWriter
from responses.models import Response
from tests.exports.conftest import (
    FULL_ANSWERS,
    build,
    csv_rows,
    data_tool,
    extract,
    make_response,
    normal,
)


@pytest.fixture
def package(two_version_survey, tmp_path):
    survey = two_version_survey
    make_response(survey, {"consent": True, "trained": "no", "years": 0, "seen": ["none"]})
    make_response(survey, {"consent": True, "role": "teacher"}, status=Response.Status.IN_PROGRESS)
    _, members = build(survey, tmp_path, incomplete="include")
    return members, extract(members, tmp_path / "unzipped")


def _codebook(members):
    return {row["Variable"]: row for row in csv_rows(members, "codebook.csv")}


def _decoder(row):
    """Number → code for a variable whose text codes SPSS and Stata store as numbers."""
    pairs = [pair.split(" = ", 1) for pair in row["SPSS and Stata codes"].split("; ") if pair]
    return {float(number): code for number, code in pairs}


def _as_csv(frame, members, name_column):
    codebook = _codebook(members)
    by_name = {row[name_column]: row for row in codebook.values()}
    rows = []
    for record in frame.to_dict("records"):
        row = {}
        for name, value in record.items():
            entry = by_name[name]
            decode = _decoder(entry)
            if decode and value == value and value is not None:
                value = decode[float(value)]
            row[entry["Variable"]] = normal(value)
        rows.append(row)
    return rows


def _csv_normal(members):
    return [{k: normal(v) for k, v in row.items()} for row in csv_rows(members)]


def test_the_spss_file_read_back_matches_the_csv_cell_for_cell(package):
    members, folder = package
    frame, meta = pyreadstat.read_sav(str(folder / "every-type.sav"))

    assert _as_csv(frame, members, "SPSS name") == _csv_normal(members)
    assert meta.column_names_to_labels["role"] == "Your role"
    assert meta.variable_value_labels["role"][2.0] == "Police"
    assert meta.variable_value_labels["role"][-98.0].startswith("Not asked")
    assert meta.variable_measure["confident"] == "ordinal"


def test_the_spss_file_keeps_not_asked_and_not_answered_apart_as_user_missing(package):
    _, folder = package
    frame, meta = pyreadstat.read_sav(str(folder / "every-type.sav"), user_missing=True)
    codes = {label: code for code, label in meta.variable_value_labels["status"].items()}
    unfinished = frame[frame["status"] == codes["In progress"]].iloc[0]

    assert meta.missing_ranges["years"] == [
        {"lo": -99.0, "hi": -99.0},
        {"lo": -98.0, "hi": -98.0},
        {"lo": -97.0, "hi": -97.0},
    ]
    assert unfinished["years"] == -99  # asked, never answered
    said_no = {label: code for code, label in meta.variable_value_labels["trained"].items()}["No"]
    skipped = frame[frame["trained"] == said_no].iloc[0]
    assert skipped["version"] == 2 and skipped["old_note"] == ""  # not in version 2
    assert skipped["trained_where"] == ""  # text: blank whatever the reason
    assert skipped["grid_a"] == -99 and skipped["new_rating"] == -99


def test_the_stata_file_read_back_matches_the_csv_cell_for_cell(package):
    members, folder = package
    frame, meta = pyreadstat.read_dta(str(folder / "every-type.dta"))

    assert _as_csv(frame, members, "Stata name") == _csv_normal(members)
    assert meta.column_names_to_labels["role"] == "Your role"


def test_the_stata_file_marks_missing_kinds_with_extended_missing_values(package):
    _, folder = package
    frame, meta = pyreadstat.read_dta(str(folder / "every-type.dta"), user_missing=True)

    assert set(frame["old_note"]) >= {""}
    assert "b" in set(frame["new_rating"])  # version 1 never asked it: .b
    labels = meta.value_labels[meta.variable_to_label["role"]]
    assert labels["a"] == "Not answered" and labels["b"].startswith("Not asked")


def test_the_excel_file_read_back_matches_the_csv(package):
    members, folder = package
    workbook = openpyxl.load_workbook(folder / "every-type.xlsx", read_only=True)
    data = list(workbook["Data"].iter_rows(values_only=True))
    header, *rows = data

    assert list(header) == list(csv_rows(members)[0])
    assert [dict(zip(header, map(normal, row), strict=True)) for row in rows] == _csv_normal(
        members
    )
    variables = list(workbook["Variables"].iter_rows(values_only=True))
    assert variables[[r[0] for r in variables].index("role")][:2] == ("role", "Your role")


def test_json_lines_hold_the_same_rows_with_nulls_for_missing(package):
    import json

    members, folder = package
    lines = (folder / "every-type.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]

    assert [{k: normal(v) for k, v in r.items()} for r in records] == _csv_normal(members)
    assert any(record["years"] is None for record in records)


@pytest.mark.parametrize("values", ["codes", "labels"])
def test_flat_files_are_the_same_whether_or_not_spss_and_stata_files_come_with_them(
    two_version_survey, tmp_path, values
):
    """Without SPSS or Stata, cells carry no "not asked" marker (nothing shows one): the CSV,
    Excel and JSON Lines files must not differ for it."""
    survey = two_version_survey
    make_response(survey, {"consent": True, "trained": "no", "years": 0, "seen": ["none"]})
    flat = ("csv", "xlsx", "jsonl")
    _, alone = build(survey, tmp_path, formats=flat, values=values)
    _, with_all = build(survey, tmp_path, formats=(*flat, "sav", "dta"), values=values)

    for name in ("every-type.csv", "every-type.jsonl"):
        assert alone[name] == with_all[name], name
    assert _sheet(alone["every-type.xlsx"]) == _sheet(with_all["every-type.xlsx"])
    # The version 2 response was never asked the note only version 1 had: blank, as skipped.
    assert {row["old_note"] for row in csv_rows(alone)} == {"", "Only in v1"}


def _sheet(content: bytes) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return list(workbook["Data"].iter_rows(values_only=True))


def test_gnu_pspp_shows_the_variable_and_value_labels_of_the_spss_file(package):
    pspp = data_tool("pspp")
    _, folder = package
    (folder / "show.sps").write_text(
        'GET FILE="every-type.sav".\nDISPLAY DICTIONARY /VARIABLES=role confident years.\n'
    )

    shown = subprocess.run(
        [pspp, "-O", "format=txt", "-O", "width=200", "show.sps"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout

    assert "Your role" in shown and "I feel confident" in shown
    assert "Police" in shown and "Agree" in shown
    assert "Not answered" in shown
    assert "Ordinal" in shown and "Nominal" in shown


def test_load_r_reads_the_csv_into_labelled_factors_with_variable_labels(package):
    rscript = data_tool("Rscript")
    _, folder = package
    script = (
        'source("load.R")\n'
        'cat(class(data$role), "\\n")\n'
        'cat(levels(data$role), sep = "|")\n'
        'cat("\\n", attr(data$role, "label"), "\\n")\n'
        'cat(as.character(data$confident[!is.na(data$confident)][1]), "\\n")\n'
        'cat(class(data$qualified), "\\n")\n'
    )

    shown = subprocess.run(
        [rscript, "-e", script], cwd=folder, capture_output=True, text=True, timeout=120, check=True
    ).stdout.splitlines()

    assert shown[0].strip() == "factor"
    assert shown[1] == "Social worker|Police|Teacher|Other"
    assert shown[2].strip() == "Your role"
    assert shown[3].strip() == "Agree"
    assert shown[4].strip() == "Date"


def test_load_sps_reads_the_csv_into_spss_with_labels(package):
    pspp = data_tool("pspp")
    _, folder = package
    csv_text = (folder / "every-type.csv").read_text(encoding="utf-8-sig")
    # SPSS cannot read a line break inside a CSV value (load.sps says so): use a CSV without.
    (folder / "every-type.csv").write_text(csv_text.replace("time.\nFewer", "time. Fewer"))
    (folder / "run.sps").write_text(
        'INCLUDE FILE="load.sps".\nDISPLAY DICTIONARY /VARIABLES=role.\nFREQUENCIES role.\n'
    )

    shown = subprocess.run(
        [pspp, "-O", "format=txt", "-O", "width=200", "run.sps"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout

    assert "error" not in shown.lower()
    assert "Your role" in shown and "Police" in shown


def test_long_text_survives_stata_as_strl_and_spss_as_a_very_long_string(
    every_type_survey, tmp_path
):
    long_text = "Supervision matters. " * 250  # 5,250 characters
    make_response(every_type_survey, {**FULL_ANSWERS, "reflections": long_text.strip()})
    _, members = build(every_type_survey, tmp_path, formats=("sav", "dta"))
    folder = extract(members, tmp_path / "long")

    dta, _ = pyreadstat.read_dta(str(folder / "every-type.dta"))
    sav, _ = pyreadstat.read_sav(str(folder / "every-type.sav"))

    assert dta["reflections"][0] == long_text.strip()
    assert sav["reflections"][0] == long_text.strip()


def test_dates_are_real_dates_in_spss_stata_and_excel(every_type_survey, tmp_path):
    make_response(every_type_survey, FULL_ANSWERS)
    _, members = build(every_type_survey, tmp_path, formats=("sav", "dta", "xlsx"), dates="date")
    folder = extract(members, tmp_path / "dates")

    sav, meta = pyreadstat.read_sav(str(folder / "every-type.sav"))
    dta, _ = pyreadstat.read_dta(str(folder / "every-type.dta"))
    sheet = openpyxl.load_workbook(folder / "every-type.xlsx", read_only=True)["Data"]
    header, row = list(sheet.iter_rows(values_only=True))

    assert sav["qualified"][0] == date(2010, 9, 1) == dta["qualified"][0]
    assert meta.original_variable_types["qualified"] == "SDATE10"
    assert row[header.index("qualified")].date() == date(2010, 9, 1)
    assert sav["started"][0] == date(2026, 3, 14)


def test_csv_rows_written_a_chunk_at_a_time_are_those_the_csv_module_writes_row_by_row(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(csv_writer, "CHUNK_ROWS", 3)
    layout = Layout(
        variables=[
            Variable(key="system/response_id", label="Id", kind="string", measure="nominal"),
            Variable(key="q/note", label="Note", kind="string", measure="nominal", free_text=True),
            Variable(key="q/score", label="Score", kind="numeric", measure="scale"),
        ],
        version_numbers=(1,),
    )
    # The widest note is "ü" * 15: 15 characters, 30 bytes in UTF-8.
    notes = ["a", None, 'say "hi", then\nleave', "x" * 20, "", "ü" * 15, "é", 7]
    rows = [[f"R{i}", note, i * 1.5] for i, note in enumerate(notes)]
    writer = CsvWriter(
        path=tmp_path / "data.csv", layout=layout, options=ExportOptions(csv_bom=False), title=""
    )
    for row in rows:
        writer.write(list(row))
    writer.close()

    expected = io.StringIO()
    csv.writer(expected).writerows([layout.names, *rows])
    with open(tmp_path / "data.csv", encoding="utf-8", newline="") as written:
        assert written.read() == expected.getvalue()
    assert writer.rows == len(rows)
    assert writer.text_widths()["q/note"] == 30
