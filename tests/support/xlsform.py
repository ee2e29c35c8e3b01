"""Small XLSForm workbooks for tests, written with openpyxl from rows of cells.

    data = xlsform(
        survey=[["type", "name", "label"], ["text", "job", "Your job title"]],
        choices=[["list_name", "name", "label"], ["roles", "police", "Police"]],
        settings=[["form_title", "form_id"], ["Practice", "practice"]],
    )

The first row of each sheet is its header. A sheet may also be given as rows of dicts, made
with `row(type, name, label, **columns)`, when most cells would be empty; the header is then
every column used, in order of first use. A sheet given as None is left out; `extra_sheets`
adds others by name.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from openpyxl import Workbook, load_workbook

Rows = list[list[str | int | float | None]] | list[dict[str, str]]


def row(type_: str, name: str = "", label: str = "", **columns: str) -> dict[str, str]:
    """One survey row; columns whose names are not identifiers go in as **{"a::b": value}."""
    return {"type": type_, "name": name, "label": label, **columns}


def _as_lists(rows: Rows) -> list[list]:
    if not rows or not isinstance(rows[0], dict):
        return rows  # type: ignore[return-value]
    header = list(dict.fromkeys(key for cells in rows for key in cells))
    return [header, *[[cells.get(key) or None for key in header] for cells in rows]]


def xlsform(
    *,
    survey: Rows | None,
    choices: Rows | None = None,
    settings: Rows | None = None,
    survey_sheet_name: str = "survey",
    extra_sheets: dict[str, Rows] | None = None,
) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {survey_sheet_name: survey, "choices": choices, "settings": settings}
    for name, rows in {**sheets, **(extra_sheets or {})}.items():
        if rows is None:
            continue
        sheet = workbook.create_sheet(name)
        for cells in _as_lists(rows):
            sheet.append(cells)
    if not workbook.sheetnames:
        workbook.create_sheet("notes")
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    """A sheet's values, row by row, as another program would read the file."""
    workbook = load_workbook(BytesIO(data), read_only=True)
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def workbook_content(data: bytes) -> dict[str, bytes]:
    """Every part of the .xlsx file, uncompressed: equal content whatever zlib compressed it."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}
