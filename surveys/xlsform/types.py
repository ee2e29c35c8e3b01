"""Which Candour question type an XLSForm row becomes, in both directions.

    XLSForm                                  Candour
    select_one L                             single_choice
    select_one L, appearance minimal         dropdown
    select_one L, appearance likert          likert (option names must be whole numbers)
    select_one L, candour::type yes_no       yes_no
    select_multiple L                        multiple_choice
    rank L                                   ranking
    text (appearance multiline)              short_text (long_text)
    integer, decimal, date                   integer, decimal, date
    range start=0 end=10 step=1              scale_0_10 (other ranges: integer or decimal)
    acknowledge                              consent
    note                                     info
    begin group … end group                  a page
    table-list group of select_one L rows    matrix (see `surveys.xlsform.structure`)

`or_other` adds Candour's "Other (please specify)" option. Every other type is reported and
left out; types that record something about the respondent's device or time are refused with
that reason, because Candour keeps respondents anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from pyxform import aliases, constants
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json import RE_SELECT, dealias_types

from surveys.instrument_import import ImportMessage, InstrumentInvalid
from surveys.xlsform.workbook import SheetRow

TEXT_TYPES = {"text", "string", "q string", "add text prompt"}
PLAIN_TYPES = {
    **dict.fromkeys(("integer", "int", "q int", "add integer prompt"), "integer"),
    **dict.fromkeys(("decimal", "q decimal", "add decimal prompt"), "decimal"),
    **dict.fromkeys(("date", "q date", "add date prompt"), "date"),
    **dict.fromkeys(("note", "q note", "add note prompt"), "info"),
    **dict.fromkeys(
        ("acknowledge", "q acknowledge", "add acknowledge prompt", "trigger"), "consent"
    ),
}
SCALE_PARAMETERS = {"start": "0", "end": "10", "step": "1"}


@dataclass(frozen=True)
class RowType:
    """What a survey row becomes: a Candour type, or nothing (with the reason)."""

    candour_type: str | None
    xlsform_type: str
    list_name: str = ""
    or_other: bool = False
    left_out_because: str = ""

    @property
    def uses_list(self) -> bool:
        return bool(self.list_name)


def row_type(row: SheetRow) -> RowType:
    """The type a question row becomes. A type XLSForm does not know is an error."""
    written = " ".join(row.get("type").split())
    select = RE_SELECT.search(written)
    if select:
        return _select_type(row, select.groupdict())
    xlsform_type = dealias_types([{"type": written}])[0]["type"]
    if xlsform_type in TEXT_TYPES:
        multiline = "multiline" in appearances(row)
        return RowType("long_text" if multiline else "short_text", xlsform_type)
    if xlsform_type in PLAIN_TYPES:
        return RowType(PLAIN_TYPES[xlsform_type], xlsform_type)
    if xlsform_type == "range":
        return RowType(_range_type(row), xlsform_type)
    if xlsform_type in QUESTION_TYPE_DICT:
        return RowType(None, xlsform_type, left_out_because=_why_left_out(xlsform_type))
    raise InstrumentInvalid(
        [
            ImportMessage(
                _(
                    "‘%(type)s’ is not an XLSForm question type (for example: text, integer, "
                    "select_one list_name, begin group)."
                )
                % {"type": written},
                sheet=row.sheet,
                row=row.number,
            )
        ]
    )


def _select_type(row: SheetRow, parts: dict) -> RowType:
    command = parts["select_command"]
    list_name = parts["list_name"]
    or_other = parts.get("specify_other") is not None
    meaning = aliases.select[command]
    if command in aliases.select_from_file or meaning == constants.SELECT_ONE_EXTERNAL:
        return RowType(
            None,
            command,
            left_out_because=_(
                "options read from another file are not supported; the question was left out"
            ),
        )
    if list_name.startswith("${"):
        return RowType(
            None,
            command,
            left_out_because=_(
                "options taken from earlier answers are not supported; the question was left out"
            ),
        )
    if meaning == constants.RANK:
        return RowType("ranking", command, list_name=list_name, or_other=or_other)
    if meaning == constants.SELECT_ALL_THAT_APPLY:
        return RowType("multiple_choice", command, list_name=list_name, or_other=or_other)
    declared = row.get("candour", "type")
    shown = appearances(row)
    if declared in {"yes_no", "matrix"}:
        candour_type = declared
    elif "minimal" in shown:
        candour_type = "dropdown"
    elif "likert" in shown:
        candour_type = "likert"
    else:
        candour_type = "single_choice"
    return RowType(candour_type, "select_one", list_name=list_name, or_other=or_other)


def _range_type(row: SheetRow) -> str:
    parameters = range_parameters(row)
    if parameters == SCALE_PARAMETERS:
        return "scale_0_10"
    step = parameters.get("step", "1")
    return "integer" if "." not in step else "decimal"


def range_parameters(row: SheetRow) -> dict[str, str]:
    """A range row's start, end and step, as written (pyxform's defaults: 1, 10, 1)."""
    parameters = {"start": "1", "end": "10", "step": "1"}
    for part in row.get("parameters").replace(";", " ").replace(",", " ").split():
        name, _sep, value = part.partition("=")
        if name.strip().lower() in parameters:
            parameters[name.strip().lower()] = value.strip()
    return parameters


def appearances(row: SheetRow) -> list[str]:
    return row.get("control", "appearance").split()


def _why_left_out(xlsform_type: str) -> str:
    preload = QUESTION_TYPE_DICT[xlsform_type].get("bind", {}).get("jr:preload")
    if preload or xlsform_type == "audit":
        return _(
            "type %(type)s records something about the respondent or their device, which "
            "Candour never does: respondents are anonymous; it was left out"
        ) % {"type": xlsform_type}
    if xlsform_type in {"calculate", "hidden"}:
        return _("calculated and hidden values are not supported; it was left out")
    return _("type %(type)s is not supported; the question was left out") % {"type": xlsform_type}
