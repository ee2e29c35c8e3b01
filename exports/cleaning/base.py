"""What a cleaning step is. Read this before adding one.

A step is one module in this package with a subclass of `CleaningStep`, listed in `STEPS`
(exports.cleaning) at the place it runs. The pipeline calls, for every step that is `enabled`:

1. `restrict(source)` — leave rows out in SQL before anything reads them (test responses);
2. `shape(layout)` — change the variables: add a flag (`flag` below), drop a question,
   generalise a quasi-identifier;
3. `prepare(context)` — statistics the step needs before the first row, as SQL aggregates or a
   light first pass (`context.source`); never a list of every row;
4. for each row, in order: `judge(row)` on the response as read (return `DROP`, `FLAG` or
   `None`; a step that flags declares `flag`, and the pipeline sets that column to 1), then,
   for rows kept, `transform(cells)` to change cells in place (redact text, suppress cells);
5. `report()` — its parameters, counts and notes, as the cleaning report shows them.

Steps keep their own counts in `self.counts` (the pipeline adds `dropped` and `flagged`). A step
that judges and may drop rows names the answer keys it reads in `answer_keys()`, so that the
disclosure check's first pass can judge rows the same way without reading whole answers; for the
same reason `judge` must give the same verdicts after `start_pass()`, and count only when
`self.counting`.
Steps never write files: writers only ever see what the steps passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict

if TYPE_CHECKING:
    from exports.layout import Layout
    from exports.options import ExportOptions
    from exports.release import ReleaseRules
    from exports.source import RowSource, SourceRow
    from surveys.models import Survey
    from surveys.schema import Instrument

DROP = "drop"
FLAG = "flag"


class StepReport(TypedDict):
    """One step in the cleaning report (cleaning_report.json and .html)."""

    key: str
    title: str
    enabled: bool
    parameters: dict[str, Any]
    counts: dict[str, Any]
    notes: list[str]


@dataclass
class CleaningContext:
    """What steps may read: the request, the survey's release rules and the data's shape."""

    survey: Survey
    options: ExportOptions
    rules: ReleaseRules
    source: RowSource
    override_disclosure: bool = False
    instruments: dict[int, Instrument] = field(default_factory=dict)  # by version id
    layout: Layout | None = None
    # Set by the pipeline before `prepare`: the steps that judge rows, in order, and a way to
    # extract only some questions' cells for a version (for a light first pass).
    judges: list[CleaningStep] = field(default_factory=list)
    extractor_for: Any = None  # (version_id, codes) -> VersionExtractor


class CleaningStep:
    key: ClassVar[str]
    title: ClassVar[str]
    # (name, label, description) of the 0/1 column set for rows this step flags.
    flag: ClassVar[tuple[str, str, str] | None] = None

    def __init__(self, context: CleaningContext):
        self.context = context
        self.counts: dict[str, Any] = {}
        self.notes: list[str] = []
        self.flag_position: int | None = None
        self.counting = True

    @property
    def options(self) -> ExportOptions:
        return self.context.options

    @property
    def enabled(self) -> bool:
        return True

    @property
    def flags(self) -> bool:
        """Whether this export adds the step's flag column."""
        return False

    def parameters(self) -> dict[str, Any]:
        return {}

    def restrict(self, source: RowSource) -> None:
        pass

    def shape(self, layout: Layout) -> None:
        if self.flags and self.flag is not None:
            layout.add_flag(*self.flag)

    def prepare(self, context: CleaningContext) -> None:
        pass

    def start_pass(self, *, counting: bool) -> None:
        """The rows are about to be read from the start: forget what `judge` remembered. In a
        first look (`counting` false) the step must not add to its counts."""
        self.counting = counting

    def judge(self, row: SourceRow) -> str | None:
        return None

    @property
    def judging(self) -> bool:
        """After `prepare`: whether `judge` can give a verdict in this export at all (the
        pipeline asks only those steps, for every row)."""
        return self.judges_rows

    def answer_keys(self) -> set[str]:
        return set()

    def transform(self, cells: list) -> None:
        pass

    def tally(self, verdict: str) -> None:
        name = "dropped" if verdict == DROP else "flagged"
        self.counts[name] = self.counts.get(name, 0) + 1

    def report(self) -> StepReport:
        return StepReport(
            key=self.key,
            title=self.title,
            enabled=self.enabled,
            parameters=self.parameters() if self.enabled else {},
            counts=dict(self.counts),
            notes=list(self.notes),
        )

    # Steps that judge override one of these; the pipeline asks before calling `judge`.
    judges_rows: ClassVar[bool] = False
    transforms_cells: ClassVar[bool] = False


def cells_at(positions: tuple[int, ...]) -> Callable[[list], tuple]:
    """A function giving the cells at `positions` as a tuple, picked in C (`itemgetter`)
    rather than one index at a time in Python: what a step that looks at a few columns of
    every row calls first."""
    if not positions:
        return lambda cells: ()
    if len(positions) == 1:
        (position,) = positions
        return lambda cells: (cells[position],)
    return itemgetter(*positions)


def verdict_for(mode: str) -> str | None:
    """The verdict for a row a flag-or-drop step caught, given its option (off, flag, drop)."""
    return {"flag": FLAG, "drop": DROP}.get(mode)


__all__ = [
    "DROP",
    "FLAG",
    "CleaningContext",
    "CleaningStep",
    "StepReport",
    "cells_at",
    "verdict_for",
]
