"""Bar charts for the dashboard, drawn on the server as SVG from breakdowns.

A chart is laid out here (positions and lengths) and drawn by
`workspace/dashboard/_bar_chart.html`: an <svg role="img"> with a <title> and a <desc> that
says in words what the bars say. Every bar carries its label and its figure as text, so nothing
depends on colour, and the data table beside each chart holds the same figures for anyone who
cannot see it.

Bars are drawn from the figures a breakdown may show, never from raw counts: a shown count gets
a bar proportional to it (the scale is the largest *shown* count), a "fewer than" count a
hatched bar of one fixed length, and a hidden one no bar at all. So no length can give a
suppressed number away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.dashboard.breakdown import Breakdown, Row

WIDTH = 460  # drawn at about its own size in half a page, so text keeps its size
BAR_AREA = 280  # the longest bar
FEWER_LENGTH = 36  # every "fewer than" bar, whatever the count
BAR_HEIGHT = 18
LABEL_HEIGHT = 20
BAR_GAP = 12
SERIES_GAP = 6
GROUP_LABEL_HEIGHT = 26
LABEL_CHARACTERS = 58


@dataclass(frozen=True)
class DrawnBar:
    label: str
    value_text: str
    label_y: int
    bar_y: int
    value_x: float
    value_y: int
    length: float  # 0: not drawn
    fewer: bool
    series: int


@dataclass(frozen=True)
class DrawnGroup:
    label: str
    y: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    height: int
    bars: tuple[DrawnBar, ...]
    groups: tuple[DrawnGroup, ...]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT


Group = tuple[str, Sequence[tuple[str, Row]]]  # (group label, [(bar label, row)])


def chart_of(chart_id: str, breakdown: Breakdown) -> BarChart:
    """One bar per row of the breakdown."""
    return _chart(chart_id, breakdown.title, [("", [(row.label, row) for row in breakdown.rows])])


def chart_of_series(chart_id: str, title: str, series: Sequence[Breakdown]) -> BarChart:
    """Breakdowns over the same categories (started and completed per day): one group per
    category, one bar per breakdown, whose figure is labelled with the breakdown's title."""
    titles = [breakdown.title for breakdown in series]
    groups = [
        (rows[0].label, list(zip(titles, rows, strict=True)))
        for rows in zip(*(breakdown.rows for breakdown in series), strict=True)
    ]
    return _chart(chart_id, title, groups, compact=True)


def chart_of_groups(chart_id: str, title: str, breakdowns: Sequence[Breakdown]) -> BarChart:
    """One group per breakdown (the statements of a matrix), one bar per row."""
    groups = [(b.title, [(row.label, row) for row in b.rows]) for b in breakdowns if not b.withheld]
    return _chart(chart_id, title, groups)


def _chart(chart_id: str, title: str, groups: Sequence[Group], *, compact=False) -> BarChart:
    """Lay the groups out from the top. `compact`: a bar's label goes before its figure, on
    the bar's own line, instead of on a line above it."""
    shown = [row.figure.value for _g, bars in groups for _l, row in bars if row.figure.shown]
    largest = max(shown, default=0)
    drawn_groups, drawn_bars, y = [], [], 0
    for group_label, bars in groups:
        if group_label:
            drawn_groups.append(DrawnGroup(label=_shortened(group_label), y=y + 18))
            y += GROUP_LABEL_HEIGHT
        for series, (bar_label, row) in enumerate(bars):
            series = series if len(bars) > 1 else 0
            drawn_bars.append(_bar(bar_label, row, y, largest, series, compact=compact))
            y += BAR_HEIGHT + (SERIES_GAP if compact else LABEL_HEIGHT + BAR_GAP)
        y += BAR_GAP if compact else 0
    return BarChart(
        id=chart_id,
        title=title,
        description=_description(groups),
        height=max(y, LABEL_HEIGHT),
        bars=tuple(drawn_bars),
        groups=tuple(drawn_groups),
    )


def _bar(label: str, row: Row, y: int, largest: int, series: int, *, compact: bool) -> DrawnBar:
    figure = row.figure
    if figure.shown and figure.value and largest:
        length = max(1.0, round(BAR_AREA * figure.value / largest, 1))
    elif figure.fewer:
        length = FEWER_LENGTH
    else:
        length = 0
    bar_y = y if compact else y + LABEL_HEIGHT
    value_text = f"{label}: {_value_text(row)}" if compact else _value_text(row)
    return DrawnBar(
        label="" if compact else _shortened(label),
        value_text=value_text,
        label_y=y + 15,
        bar_y=bar_y,
        value_x=length + 8,
        value_y=bar_y + 14,
        length=length,
        fewer=figure.fewer,
        series=series,
    )


def _value_text(row: Row) -> str:
    text = str(row.figure)
    return f"{text} ({row.percent})" if row.percent is not None else text


def _shortened(label: str) -> str:
    label = " ".join(label.split())
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"


def _description(groups: Sequence[Group]) -> str:
    parts = []
    for group_label, bars in groups:
        values = "; ".join(f"{label}: {_value_text(row)}" for label, row in bars)
        parts.append(f"{group_label} — {values}" if group_label else values)
    return _("Bar chart. %(values)s.") % {"values": ". ".join(parts)}
