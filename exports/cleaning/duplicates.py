"""Exact duplicates: the same response stored twice (a double submission, an import run twice).

Two rows are duplicates when everything but their id is the same: answers, version, status, start
date, submission time and time spent to the second. Genuine respondents giving the same answers
to a short all-choice survey are not caught, because they would also need the same dates and the
same time to the second. The groups are found in SQL before the first row is read (comparing
answers only among rows that share everything else, see `RowSource.duplicates`), which also
says which rows come after the first of their group in the export's order: while rows stream,
those are dropped. Memory grows with the number of duplicates, not of rows.
"""

from __future__ import annotations

from exports.cleaning.base import DROP, CleaningStep


class Duplicates(CleaningStep):
    key = "duplicates"
    title = "Exact duplicates"
    judges_rows = True

    def __init__(self, context):
        super().__init__(context)
        self.later: set[str] = set()  # order keys of the rows to drop

    @property
    def enabled(self) -> bool:
        return self.options.drop_duplicates

    def parameters(self):
        return {
            "compared": "answers, version, status, start date, submission time, time spent",
            "kept": "the first of each group in the export's order",
        }

    def prepare(self, context):
        self.later, groups, rows = context.source.duplicates()
        self.counts.update(groups=groups, rows_in_groups=rows, dropped=0)

    @property
    def judging(self):
        return bool(self.later)

    def judge(self, row):
        return DROP if row.order_key in self.later else None
