"""The package: reproducible, complete, and with nothing in it that identifies a response."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.dataset import NothingToExport
from exports.options import ExportOptions
from exports.package.documents import document_render
from exports.pipeline import package_build
from tests.exports.conftest import FULL_ANSWERS, build, csv_rows, make_response
from tests.support.surveys import published_survey

DATA_FILES = ("every-type.csv", "every-type.xlsx", "every-type.sav", "every-type.dta")


@pytest.fixture
def answered(every_type_survey):
    for years in range(8):
        make_response(every_type_survey, {**FULL_ANSWERS, "years": years}, duration=600 + years)
    return every_type_survey


def test_the_package_holds_data_codebook_report_scripts_and_a_manifest(answered, tmp_path):
    _, members = build(answered, tmp_path)

    assert list(members) == [
        "every-type.csv",
        "every-type.xlsx",
        "every-type.sav",
        "every-type.dta",
        "every-type.jsonl",
        "codebook.csv",
        "codebook.html",
        "cleaning_report.html",
        "cleaning_report.json",
        "load.R",
        "load.sps",
        "README.txt",
        "manifest.json",
    ]
    manifest = json.loads(members["manifest.json"])
    assert manifest["seed"] == 7 and manifest["versions"] == [1]
    assert manifest["counts"] == {"responses_read": 8, "rows_written": 8, "variables": 32}
    for name, described in manifest["files"].items():
        assert described["sha256"] == hashlib.sha256(members[name]).hexdigest()
    assert set(manifest["files"]) == set(members) - {"manifest.json"}


def test_the_same_seed_gives_byte_identical_files_and_zip(answered, tmp_path):
    first, members = build(answered, tmp_path)
    second, again = build(answered, tmp_path)

    assert members == again
    assert first.read_bytes() == second.read_bytes()


def test_another_seed_gives_another_order_and_other_ids(answered, tmp_path):
    _, one = build(answered, tmp_path, seed=1)
    _, two = build(answered, tmp_path, seed=2)
    rows_one, rows_two = csv_rows(one), csv_rows(two)

    assert [r["years"] for r in rows_one] != [r["years"] for r in rows_two]
    ids_one = {r["years"]: r["response_id"] for r in rows_one}
    ids_two = {r["years"]: r["response_id"] for r in rows_two}
    assert not set(ids_one.values()) & set(ids_two.values())
    assert all(re.fullmatch(r"R[0-9a-f]{12}", i) for i in ids_one.values())
    assert [r["response_id"] for r in rows_one] == sorted(ids_one.values())


def test_no_response_id_or_time_of_day_is_anywhere_in_the_package(answered, tmp_path):
    import io
    import zipfile

    ids = [str(pk) for pk in answered.responses.values_list("id", flat=True)]
    _, members = build(answered, tmp_path, dates="date")

    for name, content in members.items():
        text = content.decode("latin-1")
        for pk in ids:
            assert pk not in text and pk.replace("-", "") not in text, name
            assert pk.encode() not in content
        times = set(re.findall(r"\d\d:\d\d(?::\d\d)?", text))
        if name in ("manifest.json", "cleaning_report.json", "cleaning_report.html"):
            times -= {"12:00", "12:00:00", "11:00:00", "11:00"}  # when it was generated (UTC)
        assert times <= {"00:00", "00:00:00"}, (name, times)
    for name in ("every-type.xlsx",):  # inside the Excel file's own zip
        with zipfile.ZipFile(io.BytesIO(members[name])) as inner:
            for member in inner.namelist():
                body = inner.read(member).decode("utf-8", "replace")
                assert not re.findall(r"T\d\d:\d\d:\d\d", body.replace("T00:00:00", "")), member


def test_progress_is_reported_as_rows_are_read_and_at_the_end(answered, tmp_path):
    calls = []

    package_build(
        survey=answered,
        options=ExportOptions(formats=("csv",)),
        directory=tmp_path,
        progress=lambda done, total: calls.append((done, total)),
    )

    assert calls[-1] == (8, 8)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) >= 8


def test_a_fresh_seed_is_chosen_and_returned_when_none_is_given(answered, tmp_path):
    result = package_build(survey=answered, options=ExportOptions(), directory=tmp_path)

    assert isinstance(result.seed, int)
    assert result.report["seed"] == result.seed
    assert result.counts["rows_written"] == 8
    assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert result.path.parent == tmp_path


def test_a_survey_never_published_has_nothing_to_export(db, tmp_path):
    from surveys.models import Survey

    survey = Survey.objects.create(slug="draft", title="Draft", organisation="Us")

    with pytest.raises(NothingToExport):
        package_build(survey=survey, options=ExportOptions(), directory=tmp_path)


def test_the_html_files_escape_what_researchers_typed(db, tmp_path):
    survey = published_survey(
        slug="escapes",
        title="<script>alert(1)</script>",
        pages=[{"questions": [{"code": "q", "type": "short_text", "label": "<b>bold</b> & co"}]}],
    )
    make_response(survey, {"q": "<img src=x onerror=alert(1)>"})

    _, members = build(survey, tmp_path)

    for name in ("codebook.html", "cleaning_report.html"):
        html = members[name].decode()
        assert "<script>alert" not in html and "<b>bold" not in html
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html or name != "codebook.html"
        assert "http" not in html.replace("http-equiv", "")  # nothing fetched from elsewhere


TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200
).map(lambda t: t.replace("\r\n", "\n").replace("\r", "\n").strip())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_any_text_a_respondent_can_store_is_read_back_from_every_format(
    free_text_survey, tmp_path_factory, text
):
    import openpyxl
    import pyreadstat

    from exports.spreadsheet import neutralise_formula
    from tests.exports.conftest import extract

    free_text_survey.responses.all().delete()
    make_response(free_text_survey, {"q": text or None} if text else {})
    tmp = tmp_path_factory.mktemp("unicode")
    _, members = build(free_text_survey, tmp, redact_free_text=False)
    folder = extract(members, tmp / "out")
    expected = text or None

    (row,) = csv_rows(members)
    assert (row["q"] or None) == (neutralise_formula(text) or None)
    assert json.loads(members["texts.jsonl"])["q"] == expected
    sav, _ = pyreadstat.read_sav(str(folder / "texts.sav"))
    dta, _ = pyreadstat.read_dta(str(folder / "texts.dta"))
    assert (sav["q"][0] or None) == expected
    assert (dta["q"][0] or None) == expected
    sheet = openpyxl.load_workbook(folder / "texts.xlsx", read_only=True)["Data"]
    header, cells = list(sheet.iter_rows(values_only=True))
    assert _ooxml_unescaped(cells[header.index("q")]) == (neutralise_formula(text) or None)


def _ooxml_unescaped(value):
    """Excel files write control characters as _xHHHH_; Excel reads them back, openpyxl not."""
    if value is None:
        return None
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match[1], 16)), value)


@pytest.fixture
def free_text_survey(db):
    return published_survey(
        slug="texts",
        pages=[{"questions": [{"code": "q", "type": "long_text", "label": "Anything"}]}],
    )


def test_the_package_documents_escape_what_respondents_and_researchers_wrote():
    html = document_render(
        "datasets/codebook.html",
        {"title": "<script>x</script> & co", "columns": [], "rows": [], "missing_kinds": []},
    )

    assert "<script>x</script>" not in html
    assert "Codebook: &lt;script&gt;x&lt;/script&gt; &amp; co" in html
