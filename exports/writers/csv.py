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

    def write(self, cells):
        self.writer.writerow(cells)
        self.rows += 1

    def close(self):
        self.file.close()
