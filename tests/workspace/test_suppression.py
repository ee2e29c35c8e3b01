"""Which counts the dashboard may show: small ones never, nor anything that gives one away."""

from __future__ import annotations

import itertools

import pytest

from surveys.dashboard.suppression import (
    Visibility,
    count_figure,
    percent,
    protect,
    rate,
)

T = 10


def shown(protected) -> list:
    return [f.value if f.shown else f.visibility.value for f in protected.figures]


def test_a_count_from_1_to_9_is_fewer_than_10_and_0_and_10_are_shown():
    assert str(count_figure(0, threshold=T)) == "0"
    assert [str(count_figure(n, threshold=T)) for n in (1, 7, 9)] == ["fewer than 10"] * 3
    assert str(count_figure(10, threshold=T)) == "10"
    assert str(count_figure(1234, threshold=T)) == "1,234"


def test_the_threshold_is_the_surveys_own():
    assert str(count_figure(7, threshold=5)) == "7"
    assert str(count_figure(4, threshold=5)) == "fewer than 5"


def test_a_table_without_small_counts_is_shown_whole():
    assert shown(protect([12, 30, 0], threshold=T)) == [12, 30, 0]


def test_one_small_count_beside_a_known_total_hides_another_count_too():
    # 7 police and 12 social workers: with 19 answers known, 19 − 12 would give the 7 back.
    assert shown(protect([7, 12], threshold=T)) == ["fewer", "hidden"]


def test_the_smallest_count_that_protects_is_the_one_hidden():
    assert shown(protect([7, 40, 25, 31], threshold=T)) == ["fewer", 40, "hidden", 31]


def test_a_count_too_small_to_protect_is_passed_over_for_one_that_does():
    # Hiding 10 would leave 1 + 10 = 11 known with the 10 at least 10: the small count is 1.
    assert shown(protect([1, 10, 12, 50], threshold=T)) == ["fewer", 10, 12, "hidden"]


def test_when_no_count_is_enough_alone_several_are_hidden():
    # No cell is large enough alone: the largest goes first, then the smallest that completes.
    result = protect([1, 1, 12, 13, 14, 15], threshold=T)
    assert shown(result) == ["fewer", "fewer", 12, "hidden", 14, "hidden"]


def test_a_table_that_cannot_be_protected_is_withheld():
    # 1 and 10 with a total of 11: whichever is hidden, the 1 can be worked out.
    result = protect([1, 10], threshold=T)
    assert result.withheld
    assert all(figure.hidden for figure in result.figures)


def test_small_counts_alone_are_left_as_they_are_when_they_leave_the_reader_guessing():
    # 3 and 7 of 10: each could be anything from 1 to 9.
    assert shown(protect([3, 7], threshold=T)) == ["fewer", "fewer"]


def test_two_small_counts_that_pin_each_other_down_are_withheld():
    # 9 and 9 of 18: each must be 9.
    assert protect([9, 9], threshold=T).withheld


def test_a_total_that_is_itself_small_needs_nothing_more():
    assert shown(protect([4, 0, 2], threshold=T)) == ["fewer", 0, "fewer"]


def possible_values(figures, counts, threshold):
    """Every value each unseen cell could have, given what the page shows: brute force."""
    total = sum(counts)
    unseen = [i for i, f in enumerate(figures) if not f.shown]
    known = sum(f.value for f in figures if f.shown)
    ranges = []
    for i in unseen:
        if figures[i].fewer:
            ranges.append(range(1, threshold))
        else:
            ranges.append(range(threshold, total + 1))
    possible = {i: set() for i in unseen}
    for values in itertools.product(*ranges):
        if known + sum(values) == total:
            for i, value in zip(unseen, values, strict=True):
                possible[i].add(value)
    return possible


@pytest.mark.parametrize(
    "counts",
    [
        [7, 12],
        [1, 10, 12, 50],
        [2, 3, 15, 30, 40],
        [5, 5, 11],
        [9, 1, 20],
        [8, 0, 13, 13],
        [1, 1, 1, 30],
        [3, 14, 2, 11],
        [1, 1, 12, 13, 14, 15],
    ],
)
def test_no_small_count_can_be_narrowed_down_from_the_page(counts):
    """Checked by brute force over every table the reader could think possible."""
    result = protect(counts, threshold=T)
    if result.withheld:
        return
    possible = possible_values(result.figures, counts, T)
    for index, figure in enumerate(result.figures):
        if figure.fewer:
            assert possible[index] == set(range(1, T)), (counts, index, possible[index])
    assert [f.visibility is Visibility.FEWER for f in result.figures] == [0 < c < T for c in counts]


def test_percentages_are_only_of_shown_counts():
    assert percent(count_figure(12, threshold=T), 30) == "40%"
    assert percent(count_figure(7, threshold=T), 30) is None


def test_a_rate_needs_both_counts_shown():
    assert rate(12, 30, threshold=T) == "40%"
    assert rate(7, 30, threshold=T) is None
    assert rate(0, 12, threshold=T) == "0%"
    assert rate(3, 9, threshold=T) is None
    assert rate(0, 0, threshold=T) is None


def test_hidden_cells_are_never_small_ones():
    for counts in itertools.product(range(0, 14), repeat=3):
        result = protect(list(counts), threshold=T)
        for count, figure in zip(counts, result.figures, strict=True):
            if 0 < count < T:
                assert not figure.shown
            if figure.shown:
                assert figure.value == count
        assert not result.withheld or all(f.hidden for f in result.figures)
