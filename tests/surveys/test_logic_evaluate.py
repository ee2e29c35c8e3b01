"""Evaluating conditions against answers: the rules the browser must follow too.

The strategies here are reused by test_logic_js_parity.py.
"""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.logic import Number, Ref, String, evaluate, is_true, parse
from tests.surveys.test_logic_parser import condition_trees

CODES = ["a", "b", "c"]
sample_texts = st.sampled_from(
    ["", "x", "y", "x y", "5", " 5 ", "5.0", "-3", "0", "2024-01-01", "true", "😀", "é"]
)
evaluation_leaves = st.one_of(
    st.builds(Ref, st.sampled_from(CODES)),
    st.builds(Number, st.integers(0, 20) | st.sampled_from([0.5, 2.5, 10**14])),
    st.builds(String, sample_texts),
)
evaluation_trees = condition_trees(evaluation_leaves, max_leaves=10)
json_answers = st.one_of(
    st.none(),
    st.booleans(),
    sample_texts,
    st.text(max_size=5),
    st.lists(sample_texts, max_size=3),
    st.integers(-(2**60), 2**60),
    st.floats(allow_nan=False, allow_infinity=False),
)
answer_sets = st.dictionaries(st.sampled_from(CODES), json_answers)
odd_answers = st.one_of(
    json_answers,
    st.floats(),
    st.integers(),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.lists(st.integers() | st.none() | sample_texts, max_size=3),
    st.tuples(sample_texts),
)


def value_of(source: str, **answers):
    return evaluate(parse(source), answers)


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        pytest.param("${a}", {}, None, id="an unanswered question is None"),
        pytest.param("${a}", {"a": None}, None, id="a None answer is unanswered"),
        pytest.param("${a}", {"a": "x"}, "x", id="a reference is the answer"),
        pytest.param("${a}", {"a": {"x": 1}}, None, id="an answer of an odd shape is unanswered"),
        pytest.param("${a}", {"a": ["x", 5]}, ["x"], id="a list keeps only its text values"),
        pytest.param("'x'", {}, "x", id="a string literal is its text"),
        pytest.param("5", {}, 5, id="a number literal is its value"),
        pytest.param("true()", {}, True, id="true() is True"),
        pytest.param("false()", {}, False, id="false() is False"),
    ],
)
def test_references_and_literals_evaluate_to_their_values(source, answers, expected):
    assert value_of(source, **answers) == expected


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        pytest.param("${a} = ''", {}, True, id="unanswered equals empty text"),
        pytest.param("${a} = ''", {"a": []}, True, id="an empty list equals empty text"),
        pytest.param("${a} = ${b}", {}, True, id="two unanswered questions are equal"),
        pytest.param("${a} = ''", {"a": "x"}, False, id="an answer does not equal empty text"),
        pytest.param("${a} != ''", {"a": "x"}, True, id="an answer differs from empty text"),
        pytest.param("${a} = 'x'", {}, False, id="unanswered does not equal a value"),
        pytest.param("${a} != 'x'", {}, True, id="unanswered differs from a value"),
        pytest.param("${a} = 0", {}, False, id="unanswered does not equal zero"),
        pytest.param("${a} = 'x y'", {"a": ["x", "y"]}, True, id="a list is compared joined"),
        pytest.param("${a} = 'x'", {"a": ["x", "y"]}, False, id="a list is not its first item"),
        pytest.param("${a} = 5", {"a": ["5"]}, True, id="a list is compared with number text"),
        pytest.param("${a} = 5", {"a": 5.0}, True, id="numbers are compared numerically"),
        pytest.param("${a} = 5", {"a": " 5 "}, True, id="numeric text is compared as a number"),
        pytest.param("${a} = 5", {"a": "5.0"}, True, id="numeric text with a fraction"),
        pytest.param("${a} = 5", {"a": "five"}, False, id="non-numeric text never equals a number"),
        pytest.param("${a} != 5", {"a": "five"}, True, id="non-numeric text differs from a number"),
        pytest.param("${a} = 5", {"a": "1e1"}, False, id="exponents are not numeric text"),
        pytest.param("${a} = '5.0'", {"a": "5"}, False, id="two texts are compared as text"),
        pytest.param("${a} = 'true'", {"a": True}, True, id="true compares as the text 'true'"),
        pytest.param("${a} = 1", {"a": True}, False, id="true is not the number 1"),
        pytest.param(
            "${a} = ${b}", {"a": 2**53, "b": 2**53 + 1}, True, id="integers round like JavaScript"
        ),
    ],
)
def test_equality(source, answers, expected):
    assert value_of(source, **answers) is expected


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        pytest.param("${a} > 5", {}, False, id="unanswered is never more than anything"),
        pytest.param("${a} < 5", {}, False, id="unanswered is never less than anything"),
        pytest.param("${a} > 5", {"a": 6}, True, id="numbers compare numerically"),
        pytest.param("${a} >= 5", {"a": 5}, True, id="at least"),
        pytest.param("${a} <= 5", {"a": 6}, False, id="at most"),
        pytest.param("${a} > 5", {"a": "10"}, True, id="numeric text compares with a number"),
        pytest.param("${a} > '9'", {"a": "10"}, True, id="two numeric texts compare as numbers"),
        pytest.param(
            "${a} > 1", {"a": "five"}, False, id="other text never compares with a number"
        ),
        pytest.param(
            "${a} < '2024-01-01'", {"a": "2023-12-31"}, True, id="ISO dates compare in date order"
        ),
        pytest.param("${a} > 'apple'", {"a": "banana"}, True, id="text compares by code point"),
        pytest.param("${a} > 1", {"a": ["5"]}, False, id="lists never compare"),
    ],
)
def test_ordering(source, answers, expected):
    assert value_of(source, **answers) is expected


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        pytest.param("${a} + 1", {"a": 2}, 3, id="adds numbers"),
        pytest.param("${a} + 1", {"a": " 2 "}, 3, id="converts numeric text"),
        pytest.param("${a} + 1", {}, None, id="unanswered makes the result None"),
        pytest.param("${a} + 1", {"a": "x"}, None, id="other text makes the result None"),
        pytest.param("${a} + 1", {"a": True}, None, id="a boolean is not a number"),
        pytest.param("2 * 3 - 1", {}, 5, id="multiplies and subtracts"),
        pytest.param("7 div 2", {}, 3.5, id="div is true division"),
        pytest.param("1 div 0", {}, None, id="division by zero is None"),
        pytest.param("7 mod 0", {}, None, id="mod by zero is None"),
        pytest.param("-7 mod 3", {}, -1, id="mod keeps the sign of the dividend"),
        pytest.param("7 mod -3", {}, 1, id="mod ignores the sign of the divisor"),
        pytest.param("7.5 mod 2", {}, 1.5, id="mod works on fractions"),
        pytest.param("-${a}", {"a": "3"}, -3, id="negates numeric text"),
        pytest.param("-${a}", {}, None, id="negating unanswered is None"),
        pytest.param("${a} + 1 = 3", {"a": "2"}, True, id="results compare as numbers"),
    ],
)
def test_arithmetic(source, answers, expected):
    assert value_of(source, **answers) == expected


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        pytest.param("${a} and ${b}", {"a": "x"}, False, id="and needs both"),
        pytest.param("${a} or ${b}", {"b": 1}, True, id="or needs either"),
        pytest.param("'x' and 5", {}, True, id="and gives a boolean"),
        pytest.param("not(${a})", {"a": 0}, True, id="zero is false"),
        pytest.param("not(${a})", {"a": 0.0}, True, id="zero point zero is false"),
        pytest.param("not(${a})", {"a": math.nan}, True, id="NaN is false"),
        pytest.param("not(${a})", {"a": ""}, True, id="empty text is false"),
        pytest.param("not(${a})", {"a": []}, True, id="an empty list is false"),
        pytest.param("not(${a})", {"a": False}, True, id="False is false"),
        pytest.param("not(${a})", {"a": "0"}, False, id="the text '0' is true"),
        pytest.param("not(${a})", {"a": "false"}, False, id="the text 'false' is true"),
    ],
)
def test_logic_and_truthiness(source, answers, expected):
    assert value_of(source, **answers) is expected


class RecordingAnswers(dict):
    """Answers that remember which codes were looked up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.looked_up = []

    def get(self, key, default=None):
        self.looked_up.append(key)
        return super().get(key, default)


@pytest.mark.parametrize(
    ("source", "answers"),
    [("${a} or ${b}", {"a": "yes"}), ("${a} and ${b}", {"a": ""})],
)
def test_and_and_or_stop_as_soon_as_the_result_is_known(source, answers):
    recording = RecordingAnswers(answers)
    evaluate(parse(source), recording)
    assert recording.looked_up == ["a"]


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        pytest.param("selected(${a}, 'x')", {"a": ["x", "y"]}, True, id="selected finds a value"),
        pytest.param("selected(${a}, 'x')", {"a": ["xy"]}, False, id="selected matches whole"),
        pytest.param("selected(${a}, 'x')", {"a": "x"}, True, id="selected on a single choice"),
        pytest.param("selected(${a}, '')", {"a": ""}, False, id="empty text selects nothing"),
        pytest.param("selected(${a}, 'x')", {}, False, id="unanswered selects nothing"),
        pytest.param("selected(${a}, 5)", {"a": ["5"]}, True, id="a number is looked for as text"),
        pytest.param("count-selected(${a})", {"a": ["x", "y"]}, 2, id="counts list items"),
        pytest.param("count-selected(${a})", {"a": "x"}, 1, id="a single answer counts one"),
        pytest.param("count-selected(${a})", {"a": ""}, 0, id="empty text counts none"),
        pytest.param("count-selected(${a})", {}, 0, id="unanswered counts none"),
        pytest.param("count-selected(${a})", {"a": 5}, 0, id="a number counts none"),
        pytest.param("string-length(${a})", {}, 0, id="unanswered has length zero"),
        pytest.param("string-length(${a})", {"a": "héllo"}, 5, id="counts characters"),
        pytest.param("string-length(${a})", {"a": "😀"}, 1, id="an emoji is one character"),
        pytest.param("string-length(${a})", {"a": 12345}, 5, id="a number counts its digits"),
        pytest.param("string-length(${a})", {"a": -12}, 3, id="a minus sign counts"),
        pytest.param("string-length(${a})", {"a": ["ab", "c"]}, 4, id="a list is measured joined"),
    ],
)
def test_functions(source, answers, expected):
    assert value_of(source, **answers) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ([], False),
        (False, False),
        (0, False),
        (0.0, False),
        (math.nan, False),
        ({"a": 1}, False),
        (True, True),
        ("x", True),
        (["x"], True),
        (-1, True),
        (0.5, True),
        (math.inf, True),
    ],
)
def test_is_true_treats_empty_false_zero_and_nan_as_false(value, expected):
    assert is_true(value) is expected


@settings(max_examples=300, deadline=None)
@given(evaluation_trees, st.dictionaries(st.sampled_from(CODES), odd_answers))
def test_evaluation_never_raises_whatever_the_answers(tree, answers):
    evaluate(tree, answers)
