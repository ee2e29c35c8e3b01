"""Every question type reads its export values from stored answers, one per export column."""

from __future__ import annotations

import random

import pytest

from tests.surveys.question_types.examples import EXAMPLES, question


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_each_type_gives_one_value_per_column_and_none_when_unanswered(type_key):
    q = question(type_key)
    columns = q.kind.export_columns(q)
    answered = q.kind.sample_answers(q, random.Random(3))

    assert len(q.kind.export_values(q, answered)) == len(columns)
    assert q.kind.export_values(q, {}) == (None,) * len(columns)


@pytest.mark.parametrize(
    ("type_key", "answers", "values"),
    [
        ("single_choice", {"agency": "other", "agency.other": "YOT"}, ("other", "YOT")),
        ("dropdown", {"region": "london"}, ("london",)),
        ("multiple_choice", {"seen": ["online", "other"], "seen.other": "x"}, (0, 0, 1, 1, 0, "x")),
        ("multiple_choice", {"seen": ["none"]}, (0, 0, 0, 0, 1, None)),
        ("likert", {"confident": 4}, (4,)),
        ("matrix", {"practice": {"strategy": 2}}, (None, 2)),
        ("yes_no", {"trained": "no"}, ("no",)),
        ("short_text", {"job_title": "Team manager"}, ("Team manager",)),
        ("integer", {"years": 0}, (0,)),
        ("decimal", {"hours": 7.5}, (7.5,)),
        ("date", {"qualified": "2019-03-01"}, ("2019-03-01",)),
        ("scale_0_10", {"supported": 0}, (0,)),
        ("ranking", {"priorities": ["sharing", "training", "time"]}, (2, 3, 1)),
        ("consent", {"consent": True}, (1,)),
        ("info", {}, ()),
    ],
)
def test_values_are_the_stored_codes_in_column_order(type_key, answers, values):
    q = question(type_key)

    assert q.kind.export_values(q, answers) == values
    assert q.kind.export_reader(q)(answers) == values
