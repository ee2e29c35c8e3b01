"""Reading an XLSForm workbook with pyxform, into rows that remember their sheet and row number.

pyxform does the reading (xlsx or xls), understands XLSForm's column aliases (`relevance` is
`relevant`, `list name` is `list_name`, `label::English (en)` is a label in English) and
validates the form as ODK tools would; its errors become `InstrumentInvalid` naming the sheet
and row. The values themselves are taken as typed: pyxform's own clean-up turns curly quotes
into straight ones, which is right for XForms but would change a researcher's wording.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePath

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pyxform import aliases, constants
from pyxform.errors import PyXFormError
from pyxform.parsing.sheet_headers import RE_SMART_QUOTES, SMART_QUOTES, process_header
from pyxform.question import MultipleChoiceQuestion, Option
from pyxform.survey import Survey as PyxformSurvey
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import DefinitionData, xls_to_dict, xlsx_to_dict

from surveys.instrument_import import ImportMessage, InstrumentInvalid

MAX_SURVEY_ROWS = 3000
NO_LANGUAGE = constants.DEFAULT_LANGUAGE_VALUE  # pyxform's name for labels without a language
_PYXFORM_ROW = re.compile(r"^\[row : (\d+)\]\s*")
_PYXFORM_SHEET = re.compile(r"On the '(\w+)' sheet,?\s*")
# pyxform is a parser of untrusted files: whatever it raises on a malformed one is the file's
# fault, and is reported as such rather than as a server error.
PYXFORM_FAILURES = (PyXFormError, ValueError, KeyError, TypeError, AttributeError, IndexError)

Cells = dict[tuple[str, ...], str]


@dataclass(frozen=True)
class SheetRow:
    """One row of a sheet: its number as a spreadsheet shows it, and its non-empty cells keyed
    by the column's meaning, e.g. ("bind", "relevant") or ("label", "English (en)")."""

    sheet: str
    number: int
    cells: Cells

    def get(self, *key: str) -> str:
        return self.cells.get(key, "")

    def expression(self, *key: str) -> str:
        """An expression cell, with curly quotes read as straight ones, as ODK tools do."""
        return RE_SMART_QUOTES.sub(lambda match: SMART_QUOTES[match.group(0)], self.get(*key))


@dataclass
class XLSFormWorkbook:
    survey: list[SheetRow]
    choices: dict[str, list[SheetRow]]
    settings: SheetRow | None
    languages: list[str] = field(default_factory=list)
    file_stem: str = ""
    headers: dict[str, dict[tuple[str, ...], str]] = field(default_factory=dict)

    def column_name(self, row: SheetRow, key: tuple[str, ...]) -> str:
        """The heading of the column a cell is in, as the workbook spells it."""
        return self.headers.get(row.sheet, {}).get(key, "::".join(key))


def workbook_read(data: bytes, *, filename: str | None = None) -> XLSFormWorkbook:
    """Read and validate a workbook; InstrumentInvalid if it is not a usable XLSForm."""
    definition = _definition(data, filename)
    _check_survey_sheet(definition)
    try:
        workbook_to_json(
            copy.deepcopy(definition), fallback_form_name=definition.fallback_form_name
        )
    except PYXFORM_FAILURES as error:
        raise InstrumentInvalid([pyxform_problem(error)]) from None
    settings = _rows("settings", definition.settings, definition.settings_header)
    # Rows without a type are blank or notes to the form's authors; pyxform skips them too.
    rows = _rows("survey", definition.survey, definition.survey_header)
    survey = [row for row in rows if row.get("type")]
    choices: dict[str, list[SheetRow]] = {}
    for row in _rows("choices", definition.choices, definition.choices_header):
        if row.get(constants.LIST_NAME_S):
            choices.setdefault(row.get(constants.LIST_NAME_S), []).append(row)
    return XLSFormWorkbook(
        survey=survey,
        choices=choices,
        settings=settings[0] if settings else None,
        languages=_languages(definition, settings[0] if settings else None),
        file_stem=definition.fallback_form_name or "",
        headers={
            sheet: {key: name for name, key in _column_keys(sheet, header).items()}
            for sheet, header in (
                ("survey", definition.survey_header),
                ("choices", definition.choices_header),
                ("settings", definition.settings_header),
            )
        },
    )


def _definition(data: bytes, filename: str | None) -> DefinitionData:
    readers = [xlsx_to_dict, xls_to_dict]
    if filename and PurePath(filename).suffix.lower() == ".xls":
        readers.reverse()
    for reader in readers:
        try:
            sheets = reader(BytesIO(data))
        except PyXFormError as error:
            if "Error reading" in str(error):
                continue
            raise InstrumentInvalid([_header_problem(error, data)]) from None
        except Exception:  # noqa: S112
            # zip, xlrd and XML readers fail on a broken upload in ways of their own (bad zip,
            # truncated stream, bad encoding); for the researcher each means the same thing.
            continue
        stem = PurePath(filename).stem if filename else None
        return DefinitionData(fallback_form_name=stem, **sheets)
    raise InstrumentInvalid(
        [ImportMessage(_("The file is not an Excel workbook (.xlsx or .xls) that can be read."))]
    )


def _header_problem(error: PyXFormError, data: bytes) -> ImportMessage:
    text = str(error)
    if not text.startswith("Duplicate column header: "):
        return ImportMessage(text=text)
    header = text.removeprefix("Duplicate column header: ")
    return ImportMessage(
        _("two columns are headed ‘%(header)s’; rename or remove one.") % {"header": header},
        sheet=_sheet_with_duplicate_header(data, header),
        row=1,
    )


def _sheet_with_duplicate_header(data: bytes, header: str) -> str | None:
    """pyxform's message does not say which sheet; only an xlsx file is looked at again."""
    try:
        workbook = load_workbook(BytesIO(data), read_only=True)
    except Exception:  # an xls file, which openpyxl cannot read
        return None
    for sheet in workbook.worksheets:
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        if [str(cell).strip() for cell in first if cell is not None].count(header) > 1:
            return sheet.title.lower()
    return None


def _check_survey_sheet(definition: DefinitionData) -> None:
    if definition.survey is None:
        names = ", ".join(f"‘{name}’" for name in definition.sheet_names or []) or _("none")
        raise InstrumentInvalid(
            [
                ImportMessage(
                    _("The workbook has no sheet named ‘survey’ (its sheets: %(names)s).")
                    % {"names": names}
                )
            ]
        )
    keys = _column_keys("survey", definition.survey_header)
    if ("type",) not in keys.values():
        raise InstrumentInvalid(
            [
                ImportMessage(
                    _(
                        "there is no ‘type’ column: the first row must hold the column headings "
                        "(type, name, label …)."
                    ),
                    sheet="survey",
                    row=1,
                )
            ]
        )
    if not any(definition.survey):
        raise InstrumentInvalid(
            [ImportMessage(_("there are no rows below the column headings."), sheet="survey")]
        )
    if len(definition.survey) > MAX_SURVEY_ROWS:
        raise InstrumentInvalid(
            [
                ImportMessage(
                    _("The survey sheet has more than %(count)d rows; split the instrument.")
                    % {"count": MAX_SURVEY_ROWS},
                    sheet="survey",
                )
            ]
        )


def pyxform_problem(error: Exception) -> ImportMessage:
    """pyxform's message, placed at its sheet and row and stripped of its own prefixes."""
    text = str(error).strip()
    row = None
    context = getattr(error, "context", None) or {}
    sheet = context.get("sheet")
    if match := _PYXFORM_ROW.match(text):
        row = int(match.group(1))
        text = text[match.end() :]
        sheet = sheet or "survey"
    if match := _PYXFORM_SHEET.search(text):
        sheet = match.group(1)
        text = text[: match.start()] + text[match.end() :]
    text = text[:1].upper() + text[1:] if text else _("pyxform could not read the form.")
    return ImportMessage(text=text, sheet=sheet, row=row)


SHEET_COLUMNS = {
    "survey": (aliases.survey_header, set(MultipleChoiceQuestion.get_slot_names())),
    "choices": (aliases.list_header, set(Option.get_slot_names())),
    "settings": (aliases.settings_header, set(PyxformSurvey.get_slot_names())),
}


def _rows(sheet: str, data, header) -> list[SheetRow]:
    """The sheet's rows (empty ones too, so numbers stay right) with dealiased column keys."""
    if not data:
        return []
    keys = _column_keys(sheet, header)
    rows = []
    for number, raw in enumerate(data, start=2):
        # NUL cannot be stored in PostgreSQL text, and nobody typed it on purpose.
        cells = {
            keys[name]: value.replace("\x00", "")
            for name, value in raw.items()
            if value not in (None, "")
        }
        rows.append(SheetRow(sheet=sheet, number=number, cells=cells))
    return rows


def _column_keys(sheet: str, header) -> dict[str, tuple[str, ...]]:
    header_aliases, columns = SHEET_COLUMNS[sheet]
    names = list(header[0]) if header else []
    double_colon = any("::" in name for name in names)
    return {name: process_header(name, double_colon, header_aliases, columns)[1] for name in names}


TRANSLATED = (constants.LABEL, constants.HINT)


def _languages(definition: DefinitionData, settings: SheetRow | None) -> list[str]:
    """Every language the labels and hints are given in, in column order. Labels without a
    language belong to the settings sheet's default_language, as pyxform reads them."""
    default = settings.get("default_language") if settings else ""
    found: list[str] = []
    for sheet, header in (
        ("survey", definition.survey_header),
        ("choices", definition.choices_header),
    ):
        for key in _column_keys(sheet, header).values():
            if key[0] not in TRANSLATED:
                continue
            language = key[1] if len(key) > 1 else (default or NO_LANGUAGE)
            if language not in found:
                found.append(language)
    return found
