"""Test responses: left out unless asked for, and then flagged.

Researchers mark responses they made while trying the survey as tests (`Response.is_test`).
They are removed in SQL, before anything reads them; with `include_test` they stay, with a
`flag_test` column so that they are easy to filter out.
"""

from __future__ import annotations

from exports.cleaning.base import FLAG, CleaningStep


class TestResponses(CleaningStep):
    __test__ = False  # a cleaning step, not something for pytest to collect
    key = "test_responses"
    title = "Test responses"
    flag = ("flag_test", "Test response", "1 if a researcher marked the response as a test.")
    judges_rows = True

    @property
    def flags(self) -> bool:
        return self.options.include_test

    def parameters(self):
        return {"include_test": self.options.include_test}

    def restrict(self, source):
        tests = source.queryset().filter(is_test=True).count()
        if self.options.include_test:
            self.counts["included"] = tests
            return
        self.counts["excluded"] = tests
        source.restrict(lambda queryset: queryset.filter(is_test=False))

    @property
    def judging(self):
        return self.options.include_test

    def judge(self, row):
        return FLAG if self.options.include_test and row.is_test else None
