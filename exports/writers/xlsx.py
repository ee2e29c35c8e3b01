"""Excel (.xlsx), streamed with xlsxwriter's `constant_memory` mode (one row in memory at a time).

Sheet "Data": variable names, then one row per response; numbers as numbers, dates as dates,
text as text (never a formula, and formula-like text arrives neutralised). Beyond Excel's
1,048,576 rows the rows continue on "Data (2)" and so on, each with the names again. Sheet
"Variables": each variable's name, label and values, so the file explains itself without the
codebook. A cell holds at most 32,767 characters; longer text is cut, and said so in the cell.
"""

from __future__ import annotations

from datetime import date, datetime

import xlsxwriter

from exports.writers.base import Writer

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL = 32_767
CUT_MARK = " […cut: longer than Excel allows]"
FIXED_CREATED = datetime(2000, 1, 1)


class XlsxWriter(Writer):
    format = "xlsx"
    extension = "xlsx"
    reads = "sheet"
    description = "Excel workbook: the data, and a sheet describing each variable."

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if len(self.layout.variables) > MAX_COLUMNS:
            raise ValueError(f"Excel holds at most {MAX_COLUMNS} columns; choose CSV instead.")
        self.workbook = xlsxwriter.Workbook(
            str(self.path),
            {
                "constant_memory": True,
                "tmpdir": str(self.path.parent),
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "use_future_functions": False,
                # Past 4 GB of worksheet XML (about 1M responses of the demo survey) the file
                # needs ZIP64 or xlsxwriter refuses to close it; smaller files are unchanged.
                "use_zip64": True,
            },
        )
        # A fixed creation time: the same data gives the same file, and no clock leaves.
        self.workbook.set_properties({"title": self.title[:255], "created": FIXED_CREATED})
        self.date_format = self.workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.header_format = self.workbook.add_format({"bold": True})
        self.dates = {i for i, v in enumerate(self.layout.variables) if v.kind == "date"}
        self.sheet = None
        self.sheet_number = 0
        self.row_in_sheet = MAX_ROWS

    def write(self, cells):
        if self.row_in_sheet >= MAX_ROWS:
            self._new_sheet()
        row, sheet = self.row_in_sheet, self.sheet
        for column, value in enumerate(cells):
            if value is None:
                continue
            if value.__class__ is str:
                if column in self.dates:
                    sheet.write_datetime(row, column, date.fromisoformat(value), self.date_format)
                else:
                    if len(value) > MAX_CELL:
                        value = value[: MAX_CELL - len(CUT_MARK)] + CUT_MARK
                    sheet.write_string(row, column, value)
            else:
                sheet.write_number(row, column, value)
        self.row_in_sheet += 1
        self.rows += 1

    def close(self):
        if self.sheet is None:
            self._new_sheet()
        self._variables_sheet()
        self.workbook.close()

    def _new_sheet(self):
        self.sheet_number += 1
        name = "Data" if self.sheet_number == 1 else f"Data ({self.sheet_number})"
        self.sheet = self.workbook.add_worksheet(name)
        self.sheet.freeze_panes(1, 0)
        for column, name in enumerate(self.layout.names):
            self.sheet.write_string(0, column, name, self.header_format)
        self.row_in_sheet = 1

    def _variables_sheet(self):
        sheet = self.workbook.add_worksheet("Variables")
        for column, heading in enumerate(("Variable", "Label", "Values")):
            sheet.write_string(0, column, heading, self.header_format)
        for row, variable in enumerate(self.layout.variables, start=1):
            values = "; ".join(f"{code} = {label}" for code, label in variable.value_labels.items())
            sheet.write_string(row, 0, variable.name)
            sheet.write_string(row, 1, variable.label[:MAX_CELL])
            sheet.write_string(row, 2, values[:MAX_CELL])
