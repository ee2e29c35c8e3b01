"""Exact duplicates: the same response stored twice (a double submission, an import run twice).

Two rows are duplicates when everything but their id is the same: answers, version, status, start
date, submission time and time spent to the second. Genuine respondents giving the same answers
to a short all-choice survey are not caught, because they would also need the same dates and the
same time to the second. The groups are found by one SQL aggregate over an MD5 of those fields;
while rows stream, the first of each group (in export order) is kept and the rest are dropped,
remembering only the keys of groups that exist.
"""

from __future__ import annotations

from exports.cleaning.base import DROP, CleaningStep


class Duplicates(CleaningStep):
    key = "duplicates"
    title = "Exact duplicates"
    judges_rows = True

    def __init__(self, context):
        super().__init__(context)
        self.groups: set[str] = set()
        self.seen: set[str] = set()

    @property
    def enabled(self) -> bool:
        return self.options.drop_duplicates

    def parameters(self):
        return {
            "compared": "answers, version, status, start date, submission time, time spent",
            "kept": "the first of each group in the export's order",
        }

    def prepare(self, context):
        self.groups, rows = context.source.duplicate_groups()
        self.counts.update(groups=len(self.groups), rows_in_groups=rows, dropped=0)
        context.source.with_duplicate_key = bool(self.groups)

    @property
    def judging(self):
        return bool(self.groups)

    def start_pass(self, *, counting):
        super().start_pass(counting=counting)
        self.seen = set()

    def judge(self, row):
        key = row.duplicate_key
        if key is None or key not in self.groups:
            return None
        if key in self.seen:
            return DROP
        self.seen.add(key)
        return None
