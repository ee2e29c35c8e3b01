"""Spreadsheet formulas: text that Excel, LibreOffice or Sheets would run, made plain text.

A cell starting with = + - @, a tab, CR or LF is run as a formula when a CSV is opened (CSV
injection): `=HYPERLINK("http://x","y")` typed into a free-text box becomes a link. Such a text
gets a leading apostrophe, which spreadsheets read as "this is text". Only the CSV and Excel
files get it (SPSS, Stata and JSON Lines keep the text as typed), and numbers stay numbers, so
-3 is still -3. Unlike the other steps it works on the cells as the flat files present them
(labels included), so the pipeline calls `neutralise` just before those two writers.
"""

from __future__ import annotations

from exports.cleaning.base import CleaningStep, cells_at
from exports.spreadsheet import FORMULA_TRIGGERS

SPREADSHEET_FORMATS = ("csv", "xlsx")


class Formulas(CleaningStep):
    key = "formulas"
    title = "Spreadsheet formulas"

    def __init__(self, context):
        super().__init__(context)
        self.positions: tuple[int, ...] = ()
        self.values_at = cells_at(())

    @property
    def enabled(self) -> bool:
        formats = set(self.options.formats) & set(SPREADSHEET_FORMATS)
        return self.options.neutralise_formulas and bool(formats)

    def parameters(self):
        return {
            "formats": [f for f in SPREADSHEET_FORMATS if f in self.options.formats],
            "starting_with": ["=", "+", "-", "@", "tab", "carriage return", "line feed"],
            "made_text_with": "a leading apostrophe (')",
        }

    def prepare(self, context):
        self.counts["cells"] = 0
        self.positions = tuple(
            position
            for position, variable in enumerate(context.layout.variables)
            if self._may_hold_formula(variable)
        )
        self.values_at = cells_at(self.positions)

    def _may_hold_formula(self, variable) -> bool:
        """Text typed by someone: free text, and labels (or codes a merge invented). Option
        codes are letters, digits and underscores, so they are skipped."""
        if variable.categorical:
            labels = self.options.values == "labels"
            return labels or any(
                str(code).startswith(FORMULA_TRIGGERS) for code in variable.value_labels
            )
        return variable.kind == "string"

    def neutralise(self, cells: list) -> list:
        """The presented cells with every formula-like text made plain text: a copy if any
        is, else `cells` itself, as nearly always (the writers only read what they get)."""
        found = [
            position
            for position, value in zip(self.positions, self.values_at(cells), strict=True)
            if value.__class__ is str and value.startswith(FORMULA_TRIGGERS)
        ]
        if not found:
            return cells
        neutralised = cells.copy()
        for position in found:
            neutralised[position] = "'" + cells[position]
        self.counts["cells"] += len(found)
        return neutralised
