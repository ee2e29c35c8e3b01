"""The ceiling: POSTs to the bare view (bench.ceiling), one JSON row each."""

from __future__ import annotations

from dataclasses import dataclass

from bench.load import BenchFailed, Browser

PATH = "/bench/ceiling/"


@dataclass(frozen=True)
class CeilingPlan:
    number: int

    def data(self) -> dict:
        """A page's worth of fields, like a page of ten answers."""
        return {"session": str(self.number), **{f"q{n}": f"answer {n}" for n in range(10)}}


class Ceiling:
    name = "ceiling: bare Django view, one JSON row per POST"
    unit = "submissions"
    units_per_session = 1

    def prepare(self) -> None:
        from bench.ceiling.models import Submission

        Submission.objects.all().delete()

    def plan(self, number: int) -> CeilingPlan:
        return CeilingPlan(number)

    def session(self, browser: Browser, plan: CeilingPlan) -> None:
        if browser.post("ceiling POST", PATH, plan.data()).status != 302:
            raise BenchFailed("the ceiling view did not redirect")

    def verify(self, plans: list[CeilingPlan]) -> str:
        from bench.ceiling.models import Submission

        stored = sorted(
            int(row["session"][0]) for row in Submission.objects.values_list("answers", flat=True)
        )
        if stored != sorted(plan.number for plan in plans):
            raise BenchFailed(f"the ceiling stored {len(stored)} rows for {len(plans)} posts")
        return f"the ceiling view stored exactly one row for each of its {len(plans)} posts"
