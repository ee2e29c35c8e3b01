"""JSON Lines: one JSON object per response and line, keyed by variable name, in layout order.

Values are codes or labels like the CSV; missing values are `null` (or the codes with
`missing_codes`); dates are ISO strings. UTF-8, not escaped to ASCII. Formulas are left as
typed: JSON is read by programs, not spreadsheets.
"""

from __future__ import annotations

import json

from exports.writers.base import Writer


class JsonLinesWriter(Writer):
    format = "jsonl"
    extension = "jsonl"
    reads = "flat"
    description = "JSON Lines: one JSON object per response, for programs and databases."
    appends_only = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.file = open(self.path, "w", encoding="utf-8", errors="replace", newline="\n")  # noqa: SIM115
        self.names = self.layout.names
        self.encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode

    def write(self, cells):
        self.file.write(self.encode(dict(zip(self.names, cells, strict=True))))
        self.file.write("\n")
        self.rows += 1

    def close(self):
        self.file.close()
