"""Small numbers, hidden: which counts the dashboard may show, and which it must not.

The rule (issue 7): every count from 1 to one less than the survey's threshold (10 unless an
owner lowered it) is shown as "fewer than 10", and nothing derived from such a count is shown
either — no percentage, rate, median or bar whose length would give it away. In a small team a
count of 2 with a colleague's knowledge of who answered can tell them what someone said.

Hiding a cell is not enough when the cells of a table add up to a total the reader knows (the
people who answered a question, the responses started): `total − the cells shown` would give the
hidden one back. `protect` therefore also hides further cells ("complementary suppression", as
statistical agencies do) until no hidden small count can be narrowed down at all — the reader
learns that it is between 1 and 9, and nothing more — and when that cannot be done, it withholds
the whole table. Zero is shown: nobody chose it, which identifies no one.

The threshold's floor is 5 (`surveys.models.SMALL_COUNT_FLOOR`): the dashboard is seen by every
role on the survey, viewers included, and changes as answers arrive; below 5 a colleague who knows
who took part can too often tell who gave which answer. It is the same group size the export's
release profile starts from (k = 5) and the follow-up contacts are released in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext as _


class Visibility(Enum):
    SHOWN = "shown"
    FEWER = "fewer"  # a small count: "fewer than 10"
    HIDDEN = "hidden"  # not small, hidden so that a small one cannot be worked out


@dataclass(frozen=True)
class Figure:
    """A count as the dashboard may show it. `value` is None unless it is shown."""

    visibility: Visibility
    value: int | None
    threshold: int

    @property
    def shown(self) -> bool:
        return self.visibility is Visibility.SHOWN

    @property
    def fewer(self) -> bool:
        return self.visibility is Visibility.FEWER

    @property
    def hidden(self) -> bool:
        return self.visibility is Visibility.HIDDEN

    def __str__(self) -> str:
        if self.shown:
            return f"{self.value:,}"
        if self.fewer:
            return fewer_than(self.threshold)
        return _("hidden")


def fewer_than(threshold: int) -> str:
    return _("fewer than %(threshold)d") % {"threshold": threshold}


def count_figure(count: int, *, threshold: int) -> Figure:
    """One count on its own: shown, unless it is from 1 to threshold − 1."""
    if 0 < count < threshold:
        return Figure(Visibility.FEWER, None, threshold)
    return Figure(Visibility.SHOWN, count, threshold)


@dataclass(frozen=True)
class Protected:
    """The cells of a table after suppression; `withheld` when none of them can be shown."""

    figures: tuple[Figure, ...]
    withheld: bool = False


def protect(counts: Sequence[int], *, threshold: int) -> Protected:
    """Cells that add up to their total (which the reader may know), as they may be shown.

    Small counts are shown as "fewer than". If the total and the other cells would narrow one
    down, more cells are hidden: the smallest one that is enough on its own, or else the
    largest, and again, until every small count is fully protected (see `_protected`). If even
    hiding every other cell is not enough, the whole table is withheld.
    """
    states = [_primary(count, threshold) for count in counts]
    if Visibility.FEWER in states and sum(counts) >= threshold:
        candidates = sorted(
            (count, index)
            for index, count in enumerate(counts)
            if states[index] is Visibility.SHOWN and count > 0
        )
        while not _protected(counts, states, threshold):
            if not candidates:
                hidden = Figure(Visibility.HIDDEN, None, threshold)
                return Protected(figures=tuple(hidden for _count in counts), withheld=True)
            chosen = _enough_alone(counts, states, candidates, threshold) or candidates[-1]
            candidates.remove(chosen)
            states[chosen[1]] = Visibility.HIDDEN
    return Protected(
        figures=tuple(
            Figure(state, count if state is Visibility.SHOWN else None, threshold)
            for state, count in zip(states, counts, strict=True)
        )
    )


def _enough_alone(counts, states, candidates, threshold) -> tuple[int, int] | None:
    """The smallest candidate cell whose hiding alone would protect every small count."""
    for candidate in candidates:
        trial = list(states)
        trial[candidate[1]] = Visibility.HIDDEN
        if _protected(counts, trial, threshold):
            return candidate
    return None


def _primary(count: int, threshold: int) -> Visibility:
    return Visibility.FEWER if 0 < count < threshold else Visibility.SHOWN


def _protected(counts: Sequence[int], states: list[Visibility], threshold: int) -> bool:
    """Whether every small count could still be anything from 1 to threshold − 1.

    What a reader knows: the total, the cells shown, that a "fewer than" cell is from 1 to
    threshold − 1, and (the rule being public) that a hidden cell is threshold or more. From
    these, each small cell's possible values are an interval; it must be the whole 1…t−1.
    """
    unseen = [
        (count, state)
        for count, state in zip(counts, states, strict=True)
        if state is not Visibility.SHOWN
    ]
    unseen_total = sum(count for count, _state in unseen)
    lows = [1 if state is Visibility.FEWER else threshold for _count, state in unseen]
    highs = [threshold - 1 if state is Visibility.FEWER else math.inf for _count, state in unseen]
    for position, (_count, state) in enumerate(unseen):
        if state is not Visibility.FEWER:
            continue
        others_low = sum(lows) - lows[position]
        others_high = sum(highs) - highs[position]
        lowest = max(1, unseen_total - others_high)
        highest = min(threshold - 1, unseen_total - others_low)
        if lowest > 1 or highest < threshold - 1:
            return False
    return True


def percent(part: Figure, whole: int) -> str | None:
    """`part` as a whole-number percentage of `whole`, or None when `part` is not shown."""
    if not part.shown or whole <= 0:
        return None
    return f"{round(100 * part.value / whole)}%"


def rate(part: int, whole: int, *, threshold: int) -> str | None:
    """A percentage of two counts, shown only when neither count is a small one."""
    if whole <= 0 or any(0 < count < threshold for count in (part, whole)):
        return None
    return f"{round(100 * part / whole)}%"
