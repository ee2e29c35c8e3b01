"""Speeders: complete responses finished in under a fraction of the typical time.

The typical time is the median time spent by complete responses (after test and unfinished
responses are left out), found in SQL. A response below `speeder_fraction` of it (a third by
default) is flagged (`flag_speeder`) or dropped. Unfinished responses are never judged.
"""

from __future__ import annotations

from exports.cleaning.base import CleaningStep, verdict_for


class Speeders(CleaningStep):
    key = "speeders"
    title = "Speeders"
    flag = (
        "flag_speeder",
        "Answered implausibly fast",
        "1 if the time spent was below the speeder threshold (see the cleaning report).",
    )
    judges_rows = True

    def __init__(self, context):
        super().__init__(context)
        self.threshold: float | None = None

    @property
    def enabled(self) -> bool:
        return self.options.speeders != "off"

    @property
    def flags(self) -> bool:
        return self.options.speeders == "flag"

    def parameters(self):
        parameters = {"mode": self.options.speeders, "fraction": self.options.speeder_fraction}
        if self.threshold is not None:
            parameters["threshold_seconds"] = round(self.threshold, 1)
        return parameters

    def prepare(self, context):
        median = context.source.median_duration()
        self.counts["flagged" if self.flags else "dropped"] = 0
        if median is None:
            self.notes.append("No complete response has a time spent, so none was judged.")
            return
        self.counts["median_seconds"] = median
        self.threshold = median * self.options.speeder_fraction

    @property
    def judging(self):
        return self.threshold is not None

    def judge(self, row):
        duration = row.duration_seconds
        if self.threshold is None or duration is None or not row.is_complete:
            return None
        return verdict_for(self.options.speeders) if duration < self.threshold else None
