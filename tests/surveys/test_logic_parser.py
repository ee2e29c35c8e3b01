"""Parsing "show if" conditions: the grammar, its errors, its limits, and faithful round trips.

The tree strategies defined here are reused by the evaluation and JavaScript parity tests.
"""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from surveys.logic import (
    BinOp,
    Call,
    Neg,
    Number,
    ParseError,
    Ref,
    String,
    from_json,
    parse,
    referenced_codes,
    to_json,
    to_source,
)
from surveys.logic.ast import tree_depth

BINARY_OPERATORS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
ONE_ARGUMENT_FUNCTIONS = ["count-selected", "string-length", "not"]


def condition_trees(leaves: st.SearchStrategy, max_leaves: int = 12) -> st.SearchStrategy:
    """Trees of the shapes the parser produces, built over the given leaves."""

    def extend(children: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(
            st.builds(Neg, children),
            st.builds(BinOp, st.sampled_from(BINARY_OPERATORS), children, children),
            st.builds(lambda a, b: Call("selected", (a, b)), children, children),
            st.builds(
                lambda name, a: Call(name, (a,)), st.sampled_from(ONE_ARGUMENT_FUNCTIONS), children
            ),
            st.sampled_from([Call("true", ()), Call("false", ())]),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves).filter(
        lambda tree: tree_depth(tree) <= 30
    )


question_codes = st.from_regex(r"[a-z][a-z0-9_]{0,63}", fullmatch=True)
literal_numbers = st.integers(0, 10**15 - 1) | st.floats(
    min_value=0, max_value=1e15, exclude_max=True, allow_nan=False, allow_infinity=False
)
printable_texts = st.text().filter(lambda text: not ("'" in text and '"' in text))
parsable_leaves = st.one_of(
    st.builds(Number, literal_numbers),
    st.builds(String, printable_texts),
    st.builds(Ref, question_codes),
)
parsable_trees = condition_trees(parsable_leaves)

a, b, c = Ref("a"), Ref("b"), Ref("c")


@pytest.mark.parametrize(
    ("source", "tree"),
    [
        ("${agency}", Ref("agency")),
        ("12", Number(12)),
        ("3.5", Number(3.5)),
        ("'police'", String("police")),
        ('"it\'s"', String("it's")),
        ("''", String("")),
        ("-5", Neg(Number(5))),
        ("--5", Neg(Neg(Number(5)))),
        ("${a} or ${b} and ${c}", BinOp("or", a, BinOp("and", b, c))),
        ("(${a} or ${b}) and ${c}", BinOp("and", BinOp("or", a, b), c)),
        ("${a} or ${b} or ${c}", BinOp("or", BinOp("or", a, b), c)),
        (
            "${a} = 'x' and ${b} != 'y'",
            BinOp("and", BinOp("=", a, String("x")), BinOp("!=", b, String("y"))),
        ),
        ("1 + 2 * 3", BinOp("+", Number(1), BinOp("*", Number(2), Number(3)))),
        ("(1 + 2) * 3", BinOp("*", BinOp("+", Number(1), Number(2)), Number(3))),
        ("1 - 2 - 3", BinOp("-", BinOp("-", Number(1), Number(2)), Number(3))),
        ("${a} mod 2 = 0", BinOp("=", BinOp("mod", a, Number(2)), Number(0))),
        ("${a} div 2", BinOp("div", a, Number(2))),
        ("${a}-1", BinOp("-", a, Number(1))),
        ("${a} mod-2", BinOp("mod", a, Neg(Number(2)))),
        ("-${a} * 2", BinOp("*", Neg(a), Number(2))),
        ("${a} + 1 > ${b} * 2", BinOp(">", BinOp("+", a, Number(1)), BinOp("*", b, Number(2)))),
        ("not(${a} = 'x')", Call("not", (BinOp("=", a, String("x")),))),
        ("selected(${concerns}, 'online')", Call("selected", (Ref("concerns"), String("online")))),
        ("count-selected(${c}) >= 2", BinOp(">=", Call("count-selected", (c,)), Number(2))),
        ("string-length(${a}) > 0", BinOp(">", Call("string-length", (a,)), Number(0))),
        ("true() or false()", BinOp("or", Call("true", ()), Call("false", ()))),
        ("${a}\n\t=\n  'x'", BinOp("=", a, String("x"))),
        ("${a_1} <= 5", BinOp("<=", Ref("a_1"), Number(5))),
    ],
)
def test_it_parses_each_construct_with_the_expected_grouping(source, tree):
    assert parse(source) == tree


def test_keywords_are_whole_words_so_a_function_named_order_is_not_or():
    with pytest.raises(ParseError, match=r"Unknown function 'order\(\)' at character 1"):
        parse("order(${a})")


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("(${a} = 'x'", "Expected ')' at character 12 (the end of the condition)", 11),
        ("${a} = 'x' ? 1", "Unexpected character '?' at character 12", 11),
        ("${a} = 'x' ${b}", "Unexpected '${b}' at character 12", 11),
        ("${a} =", "Expected a value at character 7 (the end of the condition)", 6),
        ("selectd(${a}, 'x')", "Unknown function 'selectd()' at character 1", 0),
        ("selected(${a})", "selected() takes 2 arguments, not 1", 0),
        ("true(1)", "true() takes no arguments, not 1", 0),
        ("${a} = 1 = 2", "Comparisons cannot be chained: the second '=' at character 10", 9),
        ("${Bad} = 1", "'${Bad}' at character 1 is not a valid question code", 0),
        ("${ a} = 1", "no spaces are allowed inside", 2),
        ("${a", "Expected '}' to close '${' at character 4", 3),
        ("$a", "Expected '{' after '$' at character 2", 1),
        ("${" + "a" * 65 + "}", "longer than 64 characters", 0),
        (".5", "0.5, not .5", 0),
        ("5.", "5.0, not 5.", 1),
        ("${a} == 1", "Use '=' rather than '==' at character 6", 5),
        ("${a} = 'open", "The text that starts at character 8 is missing its closing '", 7),
        ("${a} = 1 AND ${b} = 2", "Unexpected 'AND' at character 10; write it in lowercase", 9),
        ("not ${a}", "not() is a function, so write not(…)", 0),
        ("agency = 1", "to use the answer to a question, write ${agency}", 0),
        ("9999999999999999", "too large", 0),
        ("${a} = 1,", "Unexpected ',' at character 9", 8),
    ],
)
def test_it_explains_a_mistake_and_where_it_is(source, message, position):
    with pytest.raises(ParseError) as caught:
        parse(source)
    assert message in str(caught.value)
    assert caught.value.message == str(caught.value)
    assert caught.value.position == position


@pytest.mark.parametrize("source", ["", "   ", "\n\t "])
def test_an_empty_condition_is_an_error(source):
    with pytest.raises(ParseError, match="The condition is empty"):
        parse(source)


def test_a_condition_longer_than_2000_characters_is_refused():
    with pytest.raises(ParseError, match="2001 characters long; the limit is 2000"):
        parse("1" + " " * 2000)


@pytest.mark.parametrize(
    "source",
    [
        "(" * 41 + "1" + ")" * 41,
        "-" * 41 + "1",
        "not(" * 41 + "1" + ")" * 41,
        "(" * 1999,
    ],
)
def test_more_than_40_levels_of_nesting_are_refused(source):
    with pytest.raises(ParseError, match="too deeply nested"):
        parse(source)


def test_40_levels_of_nesting_are_allowed():
    assert parse("(" * 40 + "1" + ")" * 40) == Number(1)


def test_a_very_long_chain_of_operators_is_refused_rather_than_exhausting_the_stack():
    with pytest.raises(ParseError, match="too many parts"):
        parse("1" + "+1" * 999)


def test_it_lists_every_question_a_condition_refers_to():
    tree = parse("${a} = 1 and (selected(${b}, 'x') or -${c} > ${a})")
    assert referenced_codes(tree) == {"a", "b", "c"}


def test_the_json_form_has_the_shape_the_browser_expects():
    tree = parse("-${a} = 5 or selected(${b}, 'x')")
    assert to_json(tree) == {
        "type": "binop",
        "op": "or",
        "left": {
            "type": "binop",
            "op": "=",
            "left": {"type": "neg", "operand": {"type": "ref", "code": "a"}},
            "right": {"type": "number", "value": 5},
        },
        "right": {
            "type": "call",
            "name": "selected",
            "args": [{"type": "ref", "code": "b"}, {"type": "string", "value": "x"}],
        },
    }


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"type": "nonsense"},
        {"type": ["number"]},
        {"type": "number", "value": True},
        {"type": "number", "value": "5"},
        {"type": "ref", "code": "Bad"},
        {"type": "binop", "op": "**", "left": {}, "right": {}},
        {"type": "call", "name": "not", "args": "x"},
    ],
)
def test_json_of_any_other_shape_is_rejected_with_value_error(data):
    with pytest.raises(ValueError):
        from_json(data)


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        ("(${a} or ${b}) and ${c}", "(${a} or ${b}) and ${c}"),
        ("${a} or (${b} and ${c})", "${a} or ${b} and ${c}"),
        ("${a} or (${b} or ${c})", "${a} or (${b} or ${c})"),
        ("(1 - 2) - 3", "1 - 2 - 3"),
        ("1 - (2 - 3)", "1 - (2 - 3)"),
        ("((1))", "1"),
        ("-(1 + 2)", "-(1 + 2)"),
        ("(${a} = 1) = (${b} = 2)", "(${a} = 1) = (${b} = 2)"),
        ("not(${a}='x')", "not(${a} = 'x')"),
        ('"it\'s"', '"it\'s"'),
        ("${a}   div   -${b}", "${a} div -${b}"),
        ("0.0000001", "0.0000001"),
    ],
)
def test_it_prints_canonical_source_with_only_the_brackets_needed(source, canonical):
    assert to_source(parse(source)) == canonical


def test_it_prints_small_floats_without_exponent_notation():
    assert to_source(Number(1e-7)) == "0.0000001"
    assert to_source(Number(2.0)) == "2.0"


@pytest.mark.parametrize(
    "tree", [String("both ' and \""), Number(-1), Number(float("inf")), Number(float("nan"))]
)
def test_it_refuses_to_print_what_the_grammar_cannot_express(tree):
    with pytest.raises(ValueError):
        to_source(tree)


VALUE_FRAGMENTS = ["${a}", "${", "}", "$", "'x'", "'", '"', "1", "2.5", ".", "${Bad}", "é", "\x00"]
WORD_FRAGMENTS = ["and", "or", "div", "mod", "not", "selected", "count-selected", "true", "AND"]
PUNCTUATION_FRAGMENTS = ["(", ")", ",", " ", "\n", "=", "!=", "==", "<", "<=", ">=", "-", "*", "!"]
SOURCE_FRAGMENTS = [*VALUE_FRAGMENTS, *WORD_FRAGMENTS, *PUNCTUATION_FRAGMENTS]
token_soup = st.lists(st.sampled_from(SOURCE_FRAGMENTS), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text() | token_soup | st.text(min_size=1990, max_size=2010))
def test_any_text_gives_a_tree_or_a_parse_error_and_nothing_else(source):
    try:
        parse(source)
    except ParseError as error:
        assert str(error)


@settings(max_examples=200, deadline=None)
@given(parsable_trees)
def test_printing_then_parsing_gives_back_the_same_tree(tree):
    source = to_source(tree)
    assume(len(source) <= 2000)
    assert parse(source) == tree


@settings(max_examples=200, deadline=None)
@given(parsable_trees)
def test_the_json_form_converts_back_to_the_same_tree(tree):
    assert from_json(to_json(tree)) == tree
