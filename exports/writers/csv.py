"""CSV: UTF-8 (with a byte-order mark by default, so that Excel reads it as UTF-8), one header
row of variable names, then one row per response. Text a spreadsheet would run as a formula
arrives already neutralised; missing values are blank unless `missing_codes` asks for codes.
R reads it with load.R, SPSS with load.sps."""

from __future__ import annotations

import csv
from operator import itemgetter

from exports.values import MISSING_KINDS
from exports.writers.base import Writer

CHUNK_ROWS = 1000
ID_WIDTH = 24  # "R" and 12 hex digits, a suffix for a repeat, or "2026-03" (a month)


class CsvWriter(Writer):
    format = "csv"
    extension = "csv"
    reads = "sheet"
    description = "Comma-separated values (UTF-8), for R, Excel and anything else."
    appends_only = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        encoding = "utf-8-sig" if self.options.csv_bom else "utf-8"
        # errors="replace": a lone surrogate (possible only in data imported into SQLite) must
        # not stop an export; PostgreSQL cannot store one.
        self.file = open(self.path, "w", encoding=encoding, errors="replace", newline="")  # noqa: SIM115
        # The csv module writes into a list of lines, joined and written once a chunk: the
        # text file's encoder then runs once for a thousand rows instead of once for each.
        self.lines: list[str] = []
        self.writer = csv.writer(_Lines(self.lines))
        self.writer.writerow(self.layout.names)
        # The widest free text of each column, in UTF-8 bytes: load.sps must say it (the width
        # of codes, labels, ids and months is known from the layout: see `text_widths`).
        self.text_positions = [
            position
            for position, variable in enumerate(self.layout.variables)
            if variable.free_text
        ]
        self.widths = dict.fromkeys(self.text_positions, 1)
        self.pending: list[list] = []

    def write(self, cells):
        # Rows are written a chunk at a time: one `writerows` call and one pass down each text
        # column cost less than a call and a loop per row. The pipeline gives every row its
        # own list, so holding on to them is safe.
        self.pending.append(cells)
        if len(self.pending) >= CHUNK_ROWS:
            self._flush()
        self.rows += 1

    def _flush(self) -> None:
        rows, self.pending = self.pending, []
        self.writer.writerows(rows)
        self.file.write("".join(self.lines))
        self.lines.clear()
        widths = self.widths
        for position in self.text_positions:
            widest = _widest_text(map(itemgetter(position), rows))
            if widest > widths[position]:
                widths[position] = widest

    def text_widths(self) -> dict[str, int]:
        """The widest value of each text column in bytes, by variable key."""
        variables = self.layout.variables
        widths = {variables[position].key: width for position, width in self.widths.items()}
        labels = self.options.values == "labels"
        for variable in variables:
            if variable.key in widths or variable.kind != "string":
                continue
            shown = list(variable.value_labels.values() if labels else variable.value_labels)
            if self.options.missing_codes:
                shown += [kind.label if labels else str(kind.code) for kind in MISSING_KINDS]
            # +1 for the apostrophe a formula-like label gets; ids and months have no labels.
            widths[variable.key] = max([len(str(s).encode()) + 1 for s in shown] or [ID_WIDTH])
        return widths

    def close(self):
        self._flush()
        self.file.close()


class _Lines:
    """What `csv.writer` writes into: each line it makes, appended to `lines`."""

    def __init__(self, lines: list[str]):
        self.write = lines.append


def _widest_text(values) -> int:
    """The size of the longest text among `values` in UTF-8 bytes (0 if none is text)."""
    texts = [value for value in values if value.__class__ is str]
    if not texts:
        return 0
    if "".join(texts).isascii():
        return max(map(len, texts))
    return max(map(len, map(str.encode, texts)))
