"""SPSS (.sav) via pyreadstat: typed variables, variable labels, value labels, measurement
levels, and user-missing codes.

- Text codes of a categorical variable become 1..n in option order (`Variable.numeric_codes`,
  listed in the codebook), labelled with the options' labels; numeric codes stay as they are.
- "Not answered" (-99), "not asked" (-98) and "suppressed" (-97) are written as codes, declared
  missing and labelled, in every numeric variable where they cannot be a real answer
  (`Variable.takes_missing_codes`); elsewhere, and in text and dates, missing is system-missing
  (blank).
- Variable labels longer than SPSS's 256 bytes are cut (the codebook has them whole); text
  longer than 32,767 bytes is cut. Dates are SPSS dates (SDATE10: yyyy/mm/dd).
- readstat stamps the file with the clock; the stamp is replaced by a fixed one, so the same
  rows give the same bytes and no time leaves.
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

LABEL_BYTES = 256
TEXT_BYTES = 32_767
FILE_LABEL_BYTES = 64
HEADER_DATE_OFFSET = 92  # "dd Mon yy" then "hh:mm:ss" in the file header


def cut(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, never inside a character."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


class SpssWriter(Writer):
    format = "sav"
    extension = "sav"
    reads = "cells"
    description = "SPSS data file with variable and value labels and missing codes."

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        plans = [self._plan(variable) for variable in self.layout.variables]
        self.columns = {
            v.spss_name: plan[0] for v, plan in zip(self.layout.variables, plans, strict=True)
        }
        self.table = ColumnTable(plans)

    def _plan(self, variable):
        if variable.coded_kind == "numeric":
            codes = variable.numeric_codes
            missing = (
                {value: float(kind.code) for value, kind in QUESTION_MISSING.items()}
                if variable.takes_missing_codes
                else {}
            )

            def number(value):
                if value is None or value.__class__ is Missing:
                    return missing.get(value, NAN)
                if codes:
                    code = codes.get(value) or codes.get(str(value))
                    return NAN if code is None else code
                return float(value)

            known = {marker: missing.get(marker, NAN) for marker in QUESTION_MISSING}
            if codes:
                known |= {value: code for value, code in codes.items() if value.__class__ is str}
            return NumberColumn(), Lookup(number, known, text_only=bool(codes)).__getitem__
        if variable.kind == "date":
            return ObjectColumn(), Lookup(_date, {}).__getitem__
        return ObjectColumn(), _text

    def write(self, cells):
        self.table.append(cells)
        self.rows += 1

    def close(self):
        self.table.flush()
        variables = self.layout.variables
        pyreadstat.write_sav(
            data_frame(self.columns),
            str(self.path),
            file_label=cut(self.title, FILE_LABEL_BYTES),
            column_labels={v.spss_name: cut(v.label, LABEL_BYTES) for v in variables},
            variable_value_labels={
                v.spss_name: labels for v in variables if (labels := value_labels(v))
            },
            missing_ranges={
                v.spss_name: [kind.code for kind in MISSING_KINDS]
                for v in variables
                if v.takes_missing_codes
            },
            variable_measure={v.spss_name: v.measure for v in variables},
            variable_format={v.spss_name: fmt for v in variables if (fmt := spss_format(v))},
        )
        patch_bytes(self.path, HEADER_DATE_OFFSET, _header_stamp())


def value_labels(variable) -> dict[float, str]:
    """Value labels with the numbers SPSS and Stata store (missing codes included)."""
    if variable.coded_kind != "numeric":
        return {}
    codes = variable.numeric_codes
    if codes:
        labels = {float(codes[value]): str(label) for value, label in variable.value_labels.items()}
    else:
        labels = {float(value): str(label) for value, label in variable.value_labels.items()}
    if variable.takes_missing_codes:
        labels |= {float(kind.code): kind.label for kind in MISSING_KINDS}
    return labels


def spss_format(variable) -> str | None:
    if variable.kind == "date":
        return "SDATE10"
    if variable.coded_kind != "numeric":
        return None
    if variable.question_type == "decimal":
        return "F12.2"
    if variable.question_type == "integer":
        return "F16.0"
    return "F8.0"


def _date(value):
    return None if value is None or value.__class__ is Missing else to_date(value)


def _text(value) -> str | None:
    if value is None or value.__class__ is Missing:
        return None
    text = value if value.__class__ is str else str(value)
    return cut(text.replace("\x00", ""), TEXT_BYTES)


def _header_stamp() -> bytes:
    day, month, year, time = FIXED_TIME_TEXT.split()
    return f"{day} {month} {year[2:]}".encode() + f"{time}:00".encode()
