"""Building one Candour question from its XLSForm row: texts, options, limits and settings.

Columns Candour reads: type, name, label and hint (in the kept language), required, relevant,
constraint, appearance, parameters (of a range), and Candour's own `candour::type` and
`candour::config` (the question's settings as JSON, which the export writes so that nothing is
lost on a round trip); on the choices sheet, list_name, name, label, and `candour_exclusive`,
`candour_other` and `candour_non_substantive` ("yes" marks an option that cannot be combined
with others, that asks the respondent to specify, or that is not a point of the scale, like
"Prefer not to say"). Every other column with a value is reported once, with its rows.
Conditions are read later, once every question has its code (`surveys.xlsform.conditions`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from pyxform import aliases

from surveys.instrument_import import ImportReport
from surveys.instrument_json import ChoiceDocument, QuestionDocument
from surveys.models import Choice
from surveys.question_types.likert import is_whole_number
from surveys.xlsform.constraints import (
    changed_message,
    constraint_read,
    left_out_message,
)
from surveys.xlsform.languages import LanguageChoice
from surveys.xlsform.names import code_from_name, value_from_name
from surveys.xlsform.structure import PlannedItem
from surveys.xlsform.types import appearances, range_parameters
from surveys.xlsform.workbook import SheetRow, XLSFormWorkbook

CHOICE_LABEL_LENGTH = Choice._meta.get_field("label").max_length
MAX_ROWS_LISTED = 10
OTHER_LABEL = "Other (please specify)"
LIST_TYPES = {"single_choice", "dropdown", "likert", "multiple_choice", "ranking", "matrix"}
READ_COLUMNS = {
    ("type",),
    ("name",),
    ("bind", "required"),
    ("bind", "relevant"),
    ("bind", "constraint"),
    ("bind", "jr:requiredMsg"),
    ("control", "appearance"),
    ("candour", "config"),
    ("candour", "type"),
    ("disabled",),
}
APPEARANCES_READ = {
    "short_text": set(),
    "long_text": {"multiline"},
    "dropdown": {"minimal"},
    "likert": {"likert"},
    "single_choice": {"likert"},  # a likert scale with other than whole-number names
    "matrix": {"table-list", "field-list"},
    "matrix_row": {"list-nolabel", "likert", "minimal"},
    "group": {"field-list", "table-list"},  # a page, or a group's heading (already reported)
}


@dataclass
class BuildContext:
    workbook: XLSFormWorkbook
    language: LanguageChoice
    report: ImportReport
    choice_renames: dict[str, dict[str, str]] = field(default_factory=dict)
    unread_columns: dict[tuple[str, tuple[str, ...]], list[SheetRow]] = field(default_factory=dict)

    def add(self, row: SheetRow, text: str) -> None:
        self.report.add(text, sheet=row.sheet, row=row.number)

    def unread(self, row: SheetRow, key: tuple[str, ...]) -> None:
        rows = self.unread_columns.setdefault((row.sheet, key), [])
        if row not in rows:
            rows.append(row)

    def report_unread_columns(self) -> None:
        """One message per column a workbook uses but Candour does not, listing its rows: a
        column such as KoboToolbox's `$kuid` is on every row, and one line says it."""
        for (sheet, key), rows in self.unread_columns.items():
            numbers = sorted({row.number for row in rows})
            shown = ", ".join(str(number) for number in numbers[:MAX_ROWS_LISTED])
            if len(numbers) > MAX_ROWS_LISTED:
                shown += _(" and %(count)d more") % {"count": len(numbers) - MAX_ROWS_LISTED}
            self.report.add(
                _("the column ‘%(column)s’ is not used by Candour; it was ignored (rows %(rows)s).")
                % {"column": self.workbook.column_name(rows[0], key), "rows": shown}
                if len(numbers) > 1
                else _("the column ‘%(column)s’ is not used by Candour; it was ignored.")
                % {"column": self.workbook.column_name(rows[0], key)},
                sheet=sheet,
                row=numbers[0],
            )


def question_build(item: PlannedItem, code: str, context: BuildContext) -> QuestionDocument:
    row = item.row
    question_type = item.row_type.candour_type or ""
    config = _candour_config(row, context)
    if row.get("bind", "jr:requiredMsg") and "error_message" not in config:
        config["error_message"] = row.get("bind", "jr:requiredMsg")
    question: QuestionDocument = {
        "code": code,
        "type": question_type,
        "label": _label(row, context),
        "hint": context.language.text(row, "hint", context.report),
        "required": _required(row, context),
        "relevant": "",
        "config": config,
        "choices": [],
    }
    if question_type in LIST_TYPES:
        question["choices"] = _choices(item, code, context)
    if question_type == "likert" and not all(
        is_whole_number(choice["value"]) for choice in question["choices"]
    ):
        question["type"] = "single_choice"
        context.add(
            row,
            _(
                "a likert scale needs whole-number option names (1, 2, 3 …); it became a single "
                "choice question."
            ),
        )
    if item.row_type.xlsform_type == "range":
        _range(row, question, context)
    if item.matrix_rows:
        _matrix(item, question, context)
    _constraint(row, question, context)
    report_unread(row, question["type"], context, group=item.row_type.xlsform_type == "group")
    return question


def _label(row: SheetRow, context: BuildContext) -> str:
    label = context.language.text(row, "label", context.report)
    if label:
        return label
    name = row.get("name")
    context.add(row, _("there is no label, so the name was used as the label."))
    return name.replace("_", " ").strip().capitalize() or name


def _required(row: SheetRow, context: BuildContext) -> bool:
    written = row.expression("bind", "required")
    if not written:
        return False
    value = aliases.yes_no.get(written)
    if value is None:
        context.add(
            row,
            _(
                "required is the condition ‘%(condition)s’, which Candour does not support: a "
                "question is required or not, so it was imported as not required."
            )
            % {"condition": written},
        )
        return False
    return value


def _candour_config(row: SheetRow, context: BuildContext) -> dict:
    written = row.get("candour", "config")
    if not written:
        return {}
    try:
        config = json.loads(written)
    except ValueError:
        config = None
    if not isinstance(config, dict):
        context.add(row, _("candour::config is not a JSON object; it was ignored."))
        return {}
    return config


def _choices(item: PlannedItem, code: str, context: BuildContext) -> list[ChoiceDocument]:
    kind = item.row_type
    rows = context.workbook.choices.get(kind.list_name, [])
    taken: set[str] = set()
    renames: dict[str, str] = {}
    choices: list[ChoiceDocument] = []
    for row in rows:
        name = row.get("name")
        value = value_from_name(name, taken)
        if value != name:
            renames[name] = value
            context.add(
                row,
                _(
                    "the name ‘%(name)s’ became the option value ‘%(value)s’ (letters, digits and "
                    "underscores)."
                )
                % {"name": name, "value": value},
            )
        choice = {
            "value": value,
            "label": _choice_label(row, name, context),
            "exclusive": aliases.yes_no.get(row.get("candour_exclusive"), False),
            "other": aliases.yes_no.get(row.get("candour_other"), False)
            or (kind.or_other and name == "other"),
        }
        if aliases.yes_no.get(row.get("candour_non_substantive"), False):
            choice["non_substantive"] = True
        choices.append(choice)
        _report_unread_choice_columns(row, context)
    if kind.or_other and not any(choice["other"] for choice in choices):
        value = value_from_name("other", taken)
        choices.append({"value": value, "label": OTHER_LABEL, "exclusive": False, "other": True})
    if renames:
        context.choice_renames[code] = renames
    return choices


def _choice_label(row: SheetRow, name: str, context: BuildContext) -> str:
    label = context.language.text(row, "label", context.report)
    if not label:
        context.add(row, _("the option has no label, so its name was used."))
        label = name
    if len(label) > CHOICE_LABEL_LENGTH:
        context.add(
            row,
            _("the label was cut to %(count)d characters, the most an option may have.")
            % {"count": CHOICE_LABEL_LENGTH},
        )
        label = label[:CHOICE_LABEL_LENGTH]
    return label


CHOICE_COLUMNS = {
    "list name",
    "name",
    "label",
    "candour_exclusive",
    "candour_other",
    "candour_non_substantive",
}


def _report_unread_choice_columns(row: SheetRow, context: BuildContext) -> None:
    for key in row.cells:
        if key[0] not in CHOICE_COLUMNS:
            context.unread(row, key)


def _range(row: SheetRow, question: QuestionDocument, context: BuildContext) -> None:
    if question["type"] == "scale_0_10":
        return
    parameters = range_parameters(row)
    try:
        bounds = sorted(
            float(parameters[name]) if question["type"] == "decimal" else int(parameters[name])
            for name in ("start", "end")
        )
    except ValueError:
        bounds = []
    if bounds:
        question["config"].update({"min": bounds[0], "max": bounds[1]})
    context.add(
        row,
        _(
            "the range from %(start)s to %(end)s (step %(step)s) became a number box with those "
            "limits; only a 0 to 10 range in steps of 1 is a 0–10 scale."
        )
        % parameters,
    )


def _matrix(item: PlannedItem, question: QuestionDocument, context: BuildContext) -> None:
    """Rows from the group's select_one rows; their shared `<group>_` prefix is dropped."""
    group_name = item.row.get("name")
    names = [row.get("name") for row in item.matrix_rows]
    prefix = f"{group_name}_"
    strip = all(name.startswith(prefix) and len(name) > len(prefix) for name in names)
    taken: set[str] = set()
    rows = []
    for row, name in zip(item.matrix_rows, names, strict=True):
        wanted = name[len(prefix) :] if strip else name
        value = code_from_name(wanted, taken)
        if value != wanted:
            context.add(
                row,
                _("the statement ‘%(name)s’ was given the code ‘%(code)s’.")
                % {"name": name, "code": value},
            )
        rows.append({"value": value, "label": _label(row, context)})
        report_unread(row, "matrix_row", context)
    question["config"]["rows"] = rows
    required = [_required(row, context) for row in item.matrix_rows]
    question["required"] = any(required)
    if any(required) and not all(required):
        context.add(
            item.row,
            _(
                "some statements were required and some not; a matrix asks for all or none, so "
                "all are required."
            ),
        )


def _constraint(row: SheetRow, question: QuestionDocument, context: BuildContext) -> None:
    written = row.expression("bind", "constraint")
    if not written:
        return
    read = constraint_read(question["type"], written)
    question["config"].update(read.config)
    if read.changed:
        context.add(row, changed_message(read.changed))
    if read.left_out:
        context.add(row, left_out_message(read.left_out))


def report_unread(row: SheetRow, question_type: str, context: BuildContext, *, group=False):
    """Note the columns of a row the import did not use, and report its unused appearances."""
    for key in row.cells:
        if key in READ_COLUMNS or key[0] in {"label", "hint"}:
            continue
        if key == ("parameters",) and row.get("type").strip() == "range":
            continue
        context.unread(row, key)
    read = APPEARANCES_READ.get(question_type, set()) | (
        APPEARANCES_READ["group"] if group else set()
    )
    ignored = [name for name in appearances(row) if name not in read]
    if ignored:
        context.add(
            row,
            _("the appearance %(names)s has no equivalent in Candour; it was ignored.")
            % {"names": ", ".join(f"‘{name}’" for name in ignored)},
        )
