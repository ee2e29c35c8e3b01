"""Stata (.dta, format 118, Stata 14 or later) via pyreadstat.

- Names are Stata-safe (`Variable.stata_name`: 32 characters, no reserved words).
- Text codes of a categorical variable become 1..n like SPSS, with value labels (Stata labels
  only whole numbers).
- "Not answered", "not asked" and "suppressed" are Stata's extended missing values .a, .b and
  .c, labelled, in every numeric question variable; Stata's `missing()` is true for all three.
- Text longer than 2,045 bytes is stored as strL. Missing text is "" (Stata has no other
  missing text; pyreadstat also fails on a missing strL).
- Variable labels are cut to Stata's 80 characters (the codebook has them whole); the time
  stamp readstat writes is replaced by a fixed one.
"""

from __future__ import annotations

import pyreadstat

from exports.values import MISSING_KINDS, QUESTION_MISSING, Missing
from exports.writers.base import FIXED_TIME_TEXT, Writer
from exports.writers.columns import (
    NAN,
    ColumnTable,
    Lookup,
    NumberColumn,
    ObjectColumn,
    data_frame,
    patch_bytes,
    to_date,
)

LABEL_CHARACTERS = 80
TIMESTAMP_TAG = b"<timestamp>"
INTEGER_QUESTION_TYPES = ("integer", "decimal")


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


class StataWriter(Writer):
    format = "dta"
    extension = "dta"
    reads = "cells"
    description = "Stata data file with variable and value labels and extended missing values."

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        plans = [self._plan(variable) for variable in self.layout.variables]
        self.columns = {
            v.stata_name: plan[0] for v, plan in zip(self.layout.variables, plans, strict=True)
        }
        self.kinds = [kind for _, _, kind in plans]
        self.table = ColumnTable([(column, convert) for column, convert, _ in plans])

    def _plan(self, variable):
        """(column, converter of one value, kind), the kind being "tagged" for variables whose
        missing values are Stata's extended ones."""
        if variable.coded_kind == "numeric":
            codes = variable.numeric_codes
            if variable.source == "question":
                number = float if variable.question_type in INTEGER_QUESTION_TYPES else int

                def tagged(value):
                    if value is None or value.__class__ is Missing:
                        return QUESTION_MISSING[value].stata
                    if codes:
                        code = codes.get(value) or codes.get(str(value))
                        return MISSING_KINDS[0].stata if code is None else code
                    return number(value)

                known = {marker: kind.stata for marker, kind in QUESTION_MISSING.items()}
                if codes:
                    known |= {v: code for v, code in codes.items() if v.__class__ is str}
                convert = Lookup(tagged, known, text_only=bool(codes)).__getitem__
                return ObjectColumn(), convert, "tagged"

            def plain(value):
                if value is None:
                    return NAN
                return float(codes[value] if codes else value)

            return NumberColumn(), Lookup(plain, {}, text_only=bool(codes)).__getitem__, "number"
        if variable.kind == "date":
            return ObjectColumn(), Lookup(_date, {}).__getitem__, "date"
        return ObjectColumn(), _text, "text"

    def write(self, cells):
        self.table.append(cells)
        self.rows += 1

    def close(self):
        self.table.flush()
        variables = self.layout.variables
        tagged = [v for v, kind in zip(variables, self.kinds, strict=True) if kind == "tagged"]
        pyreadstat.write_dta(
            data_frame(self.columns),
            str(self.path),
            version=14,
            file_label=_label(self.title),
            column_labels={v.stata_name: _label(v.label) for v in variables},
            variable_value_labels={
                v.stata_name: labels for v in variables if (labels := _value_labels(v, v in tagged))
            },
            missing_user_values={
                v.stata_name: [kind.stata for kind in MISSING_KINDS] for v in tagged
            },
        )
        _fix_timestamp(self.path)


def _value_labels(variable, tagged: bool) -> dict:
    if variable.coded_kind != "numeric":
        return {}
    codes = variable.numeric_codes
    if codes:
        labels = {codes[value]: str(label) for value, label in variable.value_labels.items()}
    else:
        labels = {
            (int(value) if float(value).is_integer() else value): str(label)
            for value, label in variable.value_labels.items()
        }
    if not tagged:
        return {float(value): label for value, label in labels.items()}
    return labels | {kind.stata: kind.label for kind in MISSING_KINDS}


def _date(value):
    return None if value is None or value.__class__ is Missing else to_date(value)


def _text(value) -> str:
    if value is None or value.__class__ is Missing:
        return ""
    text = value if value.__class__ is str else str(value)
    return text.replace("\x00", "")


def _fix_timestamp(path) -> None:
    with open(path, "rb") as file:
        head = file.read(512)
    start = head.find(TIMESTAMP_TAG)
    if start < 0 or head[start + len(TIMESTAMP_TAG)] != len(FIXED_TIME_TEXT):
        raise ValueError("Unexpected .dta header: the time stamp was not where it should be.")
    patch_bytes(path, start + len(TIMESTAMP_TAG) + 1, FIXED_TIME_TEXT.encode())
