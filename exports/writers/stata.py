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
        self.plans = [self._plan(variable) for variable in self.layout.variables]
        self.columns = {
            v.stata_name: plan[0] for v, plan in zip(self.layout.variables, self.plans, strict=True)
        }
        self.tagged: set[str] = set()

    def _plan(self, variable):
        if variable.coded_kind == "numeric":
            tags = variable.source == "question"
            number = float if variable.question_type in INTEGER_QUESTION_TYPES else int
            column = ObjectColumn() if tags else NumberColumn()
            return column, "tagged" if tags else "number", variable.numeric_codes, number
        if variable.kind == "date":
            return ObjectColumn(), "date", None, None
        return ObjectColumn(), "text", None, None

    def write(self, cells):
        for (column, how, codes, number), value in zip(self.plans, cells, strict=True):
            if how == "tagged":
                if value is None or value.__class__ is Missing:
                    column.values.append(QUESTION_MISSING[value].stata)
                elif codes:
                    code = codes.get(value) or codes.get(str(value))
                    column.values.append(MISSING_KINDS[0].stata if code is None else code)
                else:
                    column.values.append(number(value))
            elif how == "number":
                if value is None:
                    column.values.append(NAN)
                else:
                    column.values.append(float(codes[value] if codes else value))
            elif how == "date":
                column.values.append(
                    None if value is None or value.__class__ is Missing else to_date(value)
                )
            else:
                column.values.append(_text(value))
        self.rows += 1

    def close(self):
        variables = self.layout.variables
        tagged = [v for v, plan in zip(variables, self.plans, strict=True) if plan[1] == "tagged"]
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
