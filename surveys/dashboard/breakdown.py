"""A breakdown: one table of the dashboard — categories, their counts as they may be shown, and
percentages only of what is shown. Charts and tables are drawn from breakdowns, never from raw
counts, so nothing suppressed can reach a page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from surveys.dashboard.suppression import Figure, count_figure, percent, protect


@dataclass(frozen=True)
class Row:
    label: str
    figure: Figure
    percent: str | None = None


@dataclass(frozen=True)
class Breakdown:
    """`answered` is how many the percentages are of (None when they are not shown at all);
    `withheld` when no cell can be shown without revealing a small one."""

    title: str
    rows: tuple[Row, ...]
    answered: Figure | None = None
    withheld: bool = False

    @property
    def has_counts(self) -> bool:
        return any(not (row.figure.shown and row.figure.value == 0) for row in self.rows)


def breakdown_of_parts(
    *, title: str, counts: Sequence[tuple[str, int]], threshold: int, with_percent: bool = True
) -> Breakdown:
    """Categories that add up to their total (one answer each): protected together."""
    total = sum(count for _label, count in counts)
    protected = protect([count for _label, count in counts], threshold=threshold)
    rows = tuple(
        Row(label=label, figure=figure, percent=percent(figure, total) if with_percent else None)
        for (label, _count), figure in zip(counts, protected.figures, strict=True)
    )
    answered = count_figure(total, threshold=threshold)
    return Breakdown(title=title, rows=rows, answered=answered, withheld=protected.withheld)


def breakdown_of_overlapping(
    *, title: str, counts: Sequence[tuple[str, int]], answered: int, threshold: int
) -> Breakdown:
    """Categories that overlap (several answers each, as in multiple choice): they add up to no
    total, so each count is suppressed on its own."""
    rows = []
    for label, count in counts:
        figure = count_figure(count, threshold=threshold)
        rows.append(Row(label=label, figure=figure, percent=percent(figure, answered)))
    return Breakdown(
        title=title, rows=tuple(rows), answered=count_figure(answered, threshold=threshold)
    )
