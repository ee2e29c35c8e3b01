"""CSV: UTF-8 (with a byte-order mark by default, so that Excel reads it as UTF-8), one header
row of variable names, then one row per response. Text a spreadsheet would run as a formula
arrives already neutralised; missing values are blank unless `missing_codes` asks for codes.
R reads it with load.R, SPSS with load.sps."""

from __future__ import annotations

import csv

from exports.writers.base import Writer


class CsvWriter(Writer):
    format = "csv"
    extension = "csv"
    reads = "sheet"
    description = "Comma-separated values (UTF-8), for R, Excel and anything else."

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        encoding = "utf-8-sig" if self.options.csv_bom else "utf-8"
        # errors="replace": a lone surrogate (possible only in data imported into SQLite) must
        # not stop an export; PostgreSQL cannot store one.
        self.file = open(self.path, "w", encoding=encoding, errors="replace", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.file)
        self.writer.writerow(self.layout.names)
        # The widest text of each text column, in UTF-8 bytes: load.sps must say it.
        self.text_positions = [
            position
            for position, variable in enumerate(self.layout.variables)
            if variable.kind == "string" or variable.numeric_codes
        ]
        self.widths = dict.fromkeys(self.text_positions, 1)

    def write(self, cells):
        self.writer.writerow(cells)
        widths = self.widths
        for position in self.text_positions:
            value = cells[position]
            if value.__class__ is str and len(value) * 4 > widths[position]:
                widths[position] = max(widths[position], len(value.encode("utf-8")))
        self.rows += 1

    def text_widths(self) -> dict[str, int]:
        """The widest value of each text column in bytes, by variable key."""
        variables = self.layout.variables
        return {variables[position].key: width for position, width in self.widths.items()}

    def close(self):
        self.file.close()
