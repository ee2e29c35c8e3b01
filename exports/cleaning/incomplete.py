"""Unfinished responses: left out (the default), included, or included and flagged.

"Unfinished" means never submitted: the respondent saved some pages and stopped. Left out, they
are removed in SQL. Included, the dataset gains a `status` column; flagged, also
`flag_incomplete`. Their unanswered questions are "not answered" (or "not asked" where skip
logic would not have shown them given what they did answer).
"""

from __future__ import annotations

from exports.cleaning.base import FLAG, CleaningStep
from responses.models import Response


class Incomplete(CleaningStep):
    key = "incomplete"
    title = "Unfinished responses"
    flag = (
        "flag_incomplete",
        "Unfinished response",
        "1 if the respondent saved answers but never submitted the survey.",
    )
    judges_rows = True

    @property
    def flags(self) -> bool:
        return self.options.incomplete == "flag"

    def parameters(self):
        return {"mode": self.options.incomplete}

    def restrict(self, source):
        unfinished = source.queryset().exclude(status=Response.Status.COMPLETE).count()
        if self.options.incomplete == "exclude":
            self.counts["excluded"] = unfinished
            source.restrict(lambda queryset: queryset.filter(status=Response.Status.COMPLETE))
        else:
            self.counts["included"] = unfinished

    @property
    def judging(self):
        return self.flags

    def judge(self, row):
        return FLAG if self.flags and not row.is_complete else None
