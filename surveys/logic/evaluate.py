"""Evaluate a condition against a respondent's answers.

``frontend/static/js/logic.mjs`` implements exactly the same rules in the browser; any change
here must be made there too, and ``tests/surveys/test_logic_js_parity.py`` checks that they agree.
Numbers follow JavaScript's: integers beyond 2**53 become floats, so both sides round alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .ast import BinOp, Call, Neg, Node, Number, Ref, String

Value = None | bool | int | float | str | list[str]

SAFE_INTEGER_LIMIT = 2**53
_NUMERIC_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# An explicit set, because Python's str.strip() and JavaScript's trim() disagree on Unicode.
_SPACES = " \t\n\r\x0b\x0c"
_EXACT_DIGITS = 15


def evaluate(node: Node, answers: Mapping[str, Any]) -> Value:
    """The value of ``node`` given ``answers`` (question code -> answer); never raises."""
    if isinstance(node, Number | String):
        return _answer(node.value)
    if isinstance(node, Ref):
        return _answer(answers.get(node.code))
    if isinstance(node, Neg):
        return _negate(evaluate(node.operand, answers))
    if isinstance(node, BinOp):
        return _evaluate_binop(node, answers)
    if isinstance(node, Call):
        return _evaluate_call(node, answers)
    return None


def is_true(value: Any) -> bool:
    """Whether a value counts as true: not empty, not False, not zero and not NaN."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return value != 0
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str | list | tuple):
        return len(value) > 0
    return False


def is_empty(value: Any) -> bool:
    """Unanswered: None, '' or an empty list."""
    return value is None or (isinstance(value, str | list) and len(value) == 0)


def number_text(value: int | float) -> str:
    """A number as JavaScript's ``String(value)`` writes it, so both languages agree."""
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    if value < 0:
        return "-" + number_text(-value)
    digits, point = _shortest_digits(value)
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    mantissa = digits if count == 1 else f"{digits[0]}.{digits[1:]}"
    return f"{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def _shortest_digits(value: float) -> tuple[str, int]:
    """Digits d1..dk and point n with value = 0.d1..dk * 10**n, as few digits as round-trip."""
    _, digit_tuple, exponent = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    trailing_zeros = len(digit_tuple) - len(digits)
    return digits, len(digits) + exponent + trailing_zeros


def _answer(value: Any) -> Value:
    """An answer or literal in canonical form; shapes we do not understand count as empty."""
    if value is None or isinstance(value, bool | str | float):
        return value
    if isinstance(value, int):
        return _fit(value)
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return None


def _fit(number: int | float) -> int | float:
    if isinstance(number, float) or abs(number) <= SAFE_INTEGER_LIMIT:
        return number
    try:
        return float(number)
    except OverflowError:
        return math.copysign(math.inf, number)


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _to_number(value: Value) -> int | float | None:
    if _is_number(value):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip(_SPACES)
    if not _NUMERIC_TEXT.fullmatch(text):
        return None
    if "." in text or len(text.lstrip("-")) > _EXACT_DIGITS:
        return float(text)
    return int(text)


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, list):
        return " ".join(value)
    return value


def _evaluate_binop(node: BinOp, answers: Mapping[str, Any]) -> Value:
    if node.op == "and":
        return is_true(evaluate(node.left, answers)) and is_true(evaluate(node.right, answers))
    if node.op == "or":
        return is_true(evaluate(node.left, answers)) or is_true(evaluate(node.right, answers))
    left, right = evaluate(node.left, answers), evaluate(node.right, answers)
    if node.op == "=":
        return _equal(left, right)
    if node.op == "!=":
        return not _equal(left, right)
    if node.op in _ORDERINGS:
        return _ordered(node.op, left, right)
    if node.op in _ARITHMETIC:
        return _arithmetic(node.op, left, right)
    return None


def _equal(left: Value, right: Value) -> bool:
    if is_empty(left) or is_empty(right):
        return is_empty(left) and is_empty(right)
    if isinstance(left, list) or isinstance(right, list):
        return _text(left) == _text(right)
    left, right = _bool_as_text(left), _bool_as_text(right)
    if _is_number(left) or _is_number(right):
        left_number, right_number = _to_number(left), _to_number(right)
        return left_number is not None and left_number == right_number
    return left == right


def _bool_as_text(value: Value) -> Value:
    return _text(value) if isinstance(value, bool) else value


_ORDERINGS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _ordered(operator: str, left: Value, right: Value) -> bool:
    """Numbers (or numeric text) numerically, other text by code point, anything else False."""
    if is_empty(left) or is_empty(right) or isinstance(left, list) or isinstance(right, list):
        return False
    left, right = _bool_as_text(left), _bool_as_text(right)
    compare = _ORDERINGS[operator]
    left_number, right_number = _to_number(left), _to_number(right)
    if left_number is not None and right_number is not None:
        return compare(left_number, right_number)
    if isinstance(left, str) and isinstance(right, str):
        return compare(left, right)
    return False


def _remainder(dividend: int | float, divisor: int | float) -> int | float:
    """Truncated remainder with the dividend's sign, like JavaScript's ``%``."""
    if isinstance(dividend, int) and isinstance(divisor, int):
        remainder = abs(dividend) % abs(divisor)
        return -remainder if dividend < 0 else remainder
    if math.isinf(dividend) or math.isnan(dividend) or math.isnan(divisor):
        return math.nan
    return math.fmod(dividend, divisor)


_ARITHMETIC = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "div": lambda a, b: None if b == 0 else a / b,
    "mod": lambda a, b: None if b == 0 else _remainder(a, b),
}


def _arithmetic(operator: str, left: Value, right: Value) -> int | float | None:
    left_number, right_number = _to_number(left), _to_number(right)
    if left_number is None or right_number is None:
        return None
    result = _ARITHMETIC[operator](left_number, right_number)
    return None if result is None else _fit(result)


def _negate(value: Value) -> int | float | None:
    number = _to_number(value)
    return None if number is None else _fit(-number)


def _evaluate_call(node: Call, answers: Mapping[str, Any]) -> Value:
    function = _FUNCTIONS.get((node.name, len(node.args)))
    if function is None:
        return None
    return function(*(evaluate(arg, answers) for arg in node.args))


def _selected(answer: Value, choice: Value) -> bool:
    if isinstance(answer, list):
        return _text(choice) in answer
    return isinstance(answer, str) and answer != "" and answer == _text(choice)


def _count_selected(answer: Value) -> int:
    if isinstance(answer, list):
        return len(answer)
    return 1 if isinstance(answer, str) and answer != "" else 0


_FUNCTIONS = {
    ("selected", 2): _selected,
    ("count-selected", 1): _count_selected,
    ("string-length", 1): lambda value: len(_text(value)),
    ("not", 1): lambda value: not is_true(value),
    ("true", 0): lambda: True,
    ("false", 0): lambda: False,
}
