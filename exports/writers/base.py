"""What a writer is. Read this before adding a format.

A writer is one module in this package with a subclass of `Writer`, registered in `WRITERS`
(exports.writers) under its format name (the `formats` option). The pipeline opens every writer
asked for, hands each row to all of them in order with `write(cells)`, then calls `close()`;
a writer writes exactly one file, `path`, and never reads the database.

What a writer receives depends on `reads`:

- "cells": the cleaned cells as they are: codes (option values, numbers, ISO date strings, text),
  `None` (in a question's cell: not answered) or a marker, `NOT_ASKED` or `SUPPRESSED` (see
  exports.values). SPSS and Stata turn text codes into numbers (`Variable.numeric_codes`) and
  missing cells into missing codes.
- "flat": the cells as flat files show them (`FlatCells`): codes or labels (the `values`
  option), and markers as blanks (`None`) or, with `missing_codes`, as the codes or labels.
- "sheet": flat cells after the formula step (`exports.cleaning.formulas`) made any text a
  spreadsheet would run into plain text.

Everything a writer needs about a variable is on `exports.layout.Variable`. Writers must be
deterministic: the same rows give the same bytes (fixed timestamps inside files included).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from exports.layout import Layout
from exports.options import ExportOptions
from exports.values import MISSING_KINDS, QUESTION_MISSING, Missing

FIXED_TIME_TEXT = "01 Jan 2000 00:00"  # what files that carry a creation time say instead


class Writer:
    format: ClassVar[str]
    extension: ClassVar[str]
    reads: ClassVar[str] = "cells"  # "cells" | "flat" | "sheet"
    description: ClassVar[str] = ""
    # True when the file is written front to back and never gone back over, so the package
    # can compress it while it grows (exports.package.archive).
    appends_only: ClassVar[bool] = False

    def __init__(self, *, path: Path, layout: Layout, options: ExportOptions, title: str):
        self.path = path
        self.layout = layout
        self.options = options
        self.title = title
        self.rows = 0

    def write(self, cells: list) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the file: every row has been written."""
        raise NotImplementedError

    def abort(self) -> None:
        """Stop after a failure: release what is open; the caller deletes the directory."""
        file = getattr(self, "file", None)
        if file is not None:
            file.close()


class FlatCells:
    """Cells as CSV, Excel and JSON Lines show them: labels or codes, missing as blank or code."""

    def __init__(self, *, layout: Layout, options: ExportOptions, markers: bool = True):
        variables = layout.variables
        self.markers = markers  # False: no cell holds a marker (exports.dataset.markers_wanted)
        labels_wanted = options.values == "labels"
        self.labelled = tuple(
            (position, dict(variable.value_labels))
            for position, variable in enumerate(variables)
            if labels_wanted and variable.categorical
        )
        self.missing_table: tuple[dict, ...] | None = None
        if options.missing_codes:
            self.missing_table = tuple(
                {
                    value: (kind.label if labels_wanted else kind.code)
                    if variable.takes_missing_codes
                    else None
                    for value, kind in QUESTION_MISSING.items()
                }
                for variable in variables
            )

    def present(self, cells: list) -> list:
        """A new list; `cells` (which other writers read too) is left as it is."""
        table = self.missing_table
        if table is None:
            flat = _blanked(cells) if self.markers else cells.copy()
        else:
            flat = [
                table[position][value] if value is None or value.__class__ is Missing else value
                for position, value in enumerate(cells)
            ]
        for position, labels in self.labelled:
            value = flat[position]
            if value is not None:
                flat[position] = labels.get(value, value)
        return flat


# Each missing marker and the blank it becomes; `dict.get(cell, cell)` keeps anything else.
MISSING_AS_BLANK: dict = dict.fromkeys(MISSING_KINDS)
_as_blank = MISSING_AS_BLANK.get


def _blanked(cells: list) -> list:
    """The cells with every missing marker blank. A dictionary look-up per cell, made in C by
    `map`, costs a third of a comprehension's test of each cell's class; markers compare by
    identity (`Missing` has `eq=False`), so no answer is ever taken for one. Cells are answers
    (text, numbers, None), never lists, but one that cannot be hashed falls back to the test."""
    try:
        return list(map(_as_blank, cells, cells))
    except TypeError:
        return [None if value.__class__ is Missing else value for value in cells]
