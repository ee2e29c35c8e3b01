"""Candour instrument → XLSForm workbook (written with openpyxl).

The workbook is standard XLSForm wherever XLSForm has a way to say it (see the table in
`surveys.xlsform.types`): pages are `field-list` groups, matrices `table-list` groups, limits
are constraints. What XLSForm has no column for is kept in Candour's own columns, which other
tools ignore: `candour::type` (yes/no questions, which are `select_one` elsewhere),
`candour::config` (a question's remaining settings as JSON), `candour::settings` (the survey's
settings, as in the JSON format) on the settings sheet, and `candour_exclusive`,
`candour_other` and `candour_non_substantive` on the choices sheet (with an underscore: pyxform
copies choices columns into the form's option lists, and a `::` there would break the XForm it
builds). Importing the
workbook gives back the same instrument, so export → import → export gives the same workbook.

The file's bytes depend only on the instrument: zip entries and document properties carry a
fixed date, so a template regenerated from unchanged sources is byte for byte the same.
"""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font
from openpyxl.xml.functions import tostring

from surveys.instrument_json import SETTING_NAMES, InstrumentFile, QuestionDocument
from surveys.question_types.matrix import ROW_CODE
from surveys.xlsform.constraints import constraint_write
from surveys.xlsform.types import SCALE_PARAMETERS

SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "required_message",
    "appearance",
    "parameters",
    "candour::type",
    "candour::config",
)
CHOICES_COLUMNS = (
    "list_name",
    "name",
    "label",
    "candour_exclusive",
    "candour_other",
    "candour_non_substantive",
)
SETTINGS_COLUMNS = ("form_title", "form_id", "candour::settings")
WIDE_COLUMNS = {"label": 60, "hint": 50, "relevant": 40, "constraint": 30, "candour::config": 40}
FIXED_TIME = datetime(2000, 1, 1)
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
SELECT_WORDS = {
    "single_choice": ("select_one", ""),
    "dropdown": ("select_one", "minimal"),
    "likert": ("select_one", "likert"),
    "yes_no": ("select_one", ""),
    "multiple_choice": ("select_multiple", ""),
    "ranking": ("rank", ""),
}
PLAIN_WORDS = {
    "short_text": ("text", ""),
    "long_text": ("text", "multiline"),
    "integer": ("integer", ""),
    "decimal": ("decimal", ""),
    "date": ("date", ""),
    "scale_0_10": ("range", ""),
    "consent": ("acknowledge", ""),
    "info": ("note", ""),
}
YES_NO_CHOICES = [("yes", "Yes"), ("no", "No")]

Row = dict[str, str]


def xlsform_from_instrument(instrument: InstrumentFile, *, form_id: str) -> bytes:
    """The instrument as an XLSForm .xlsx file (see the module for what goes where)."""
    survey_rows, choice_rows = _SurveySheet(instrument).rows()
    settings = dict(instrument["settings"])
    title = settings.pop("title")
    settings_row = {
        "form_title": title,
        "form_id": form_id,
        "candour::settings": _json(
            {name: settings[name] for name in SETTING_NAMES if name in settings}
        ),
    }
    workbook = Workbook()
    _sheet(workbook.active, "survey", SURVEY_COLUMNS, survey_rows)
    _sheet(workbook.create_sheet(), "choices", CHOICES_COLUMNS, choice_rows)
    _sheet(workbook.create_sheet(), "settings", SETTINGS_COLUMNS, [settings_row])
    return _deterministic_bytes(workbook)


class _SurveySheet:
    """The survey and choices rows, page by page."""

    def __init__(self, instrument: InstrumentFile):
        self.instrument = instrument
        self.codes = {
            question["code"] for page in instrument["pages"] for question in page["questions"]
        }
        self.survey: list[Row] = []
        self.choices: list[Row] = []

    def rows(self) -> tuple[list[Row], list[Row]]:
        for number, page in enumerate(self.instrument["pages"], start=1):
            name = self._page_name(number)
            self.survey.append(
                {
                    "type": "begin group",
                    "name": name,
                    "label": page["title"],
                    "hint": page["intro"],
                    "relevant": page["relevant"],
                    "appearance": "field-list",
                }
            )
            for question in page["questions"]:
                self._question(question)
            self.survey.append({"type": "end group", "name": name})
        return self.survey, self.choices

    def _page_name(self, number: int) -> str:
        name = f"page_{number}"
        while name in self.codes:
            name = f"{name}_group"
        return name

    def _question(self, question: QuestionDocument) -> None:
        kind = question["type"]
        if kind == "matrix" and self._matrix_as_table(question):
            self._matrix(question)
            return
        constraint, rest = constraint_write(kind, question["config"])
        error_message = rest.pop("error_message", "")
        row = {
            "name": question["code"],
            "label": question["label"],
            "hint": question["hint"],
            "required": "yes" if question["required"] else "",
            "relevant": question["relevant"],
            "constraint": constraint,
            "required_message": error_message,
            "candour::config": _json(rest) if rest else "",
        }
        if kind in SELECT_WORDS or kind == "matrix":
            word, appearance = SELECT_WORDS.get(kind, ("select_one", ""))
            other = any(c["other"] and c["value"] == "other" for c in question["choices"])
            row["type"] = f"{word} {question['code']}" + (" or_other" if other else "")
            row["appearance"] = appearance
            row["candour::type"] = kind if kind in {"yes_no", "matrix"} else ""
            self._choices(question, or_other=other)
        else:
            row["type"], row["appearance"] = PLAIN_WORDS.get(kind, (kind, ""))
            if kind == "scale_0_10":
                row["parameters"] = " ".join(f"{k}={v}" for k, v in SCALE_PARAMETERS.items())
        self.survey.append(row)

    def _choices(self, question: QuestionDocument, *, or_other: bool) -> None:
        code = question["code"]
        if question["type"] == "yes_no":
            for value, label in YES_NO_CHOICES:
                self.choices.append({"list_name": code, "name": value, "label": label})
            return
        for choice in question["choices"]:
            flagged_other = choice["other"] and not (or_other and choice["value"] == "other")
            self.choices.append(
                {
                    "list_name": code,
                    "name": choice["value"],
                    "label": choice["label"],
                    "candour_exclusive": "yes" if choice["exclusive"] else "",
                    "candour_other": "yes" if flagged_other else "",
                    "candour_non_substantive": "yes" if choice.get("non_substantive") else "",
                }
            )

    def _matrix_as_table(self, question: QuestionDocument) -> bool:
        """A table-list needs every row to be a code, and `<matrix>_<row>` to be free."""
        rows = question["config"].get("rows")
        if not isinstance(rows, list) or not rows:
            return False
        for row in rows:
            value = row.get("value") if isinstance(row, dict) else None
            if not isinstance(value, str) or not ROW_CODE.match(value):
                return False
            if f"{question['code']}_{value}" in self.codes:
                return False
        return True

    def _matrix(self, question: QuestionDocument) -> None:
        code = question["code"]
        rest = {key: value for key, value in question["config"].items() if key != "rows"}
        self.survey.append(
            {
                "type": "begin group",
                "name": code,
                "label": question["label"],
                "hint": question["hint"],
                "relevant": question["relevant"],
                "appearance": "table-list",
                "candour::config": _json(rest) if rest else "",
            }
        )
        for row in question["config"]["rows"]:
            self.survey.append(
                {
                    "type": f"select_one {code}",
                    "name": f"{code}_{row['value']}",
                    "label": str(row.get("label", "")),
                    "required": "yes" if question["required"] else "",
                }
            )
        self.survey.append({"type": "end group", "name": code})
        self._choices(question, or_other=False)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _cell(value: str | None) -> str | None:
    """Control characters cannot be stored in a workbook; nobody can see them anyway."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) or None if value else None


def _sheet(sheet, title: str, columns: tuple[str, ...], rows: list[Row]) -> None:
    """Only the columns some row uses, in a fixed order, with a bold frozen header."""
    always = set(columns[:3]) if title != "settings" else set()
    used = [c for c in columns if c in always or any(row.get(c) for row in rows)]
    sheet.title = title
    sheet.append(used)
    for row in rows:
        sheet.append([_cell(row.get(column)) for column in used])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(used, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = WIDE_COLUMNS.get(column, 18)
        if column in WIDE_COLUMNS:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _deterministic_bytes(workbook: Workbook) -> bytes:
    workbook.properties = DocumentProperties(creator="Candour", created=FIXED_TIME)
    saved = BytesIO()
    workbook.save(saved)
    workbook.properties.modified = FIXED_TIME
    core = tostring(workbook.properties.to_tree())
    out = BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = core if entry.filename == "docProps/core.xml" else source.read(entry)
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            target.writestr(info, data)
    return out.getvalue()
