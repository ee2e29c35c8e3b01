"""Print a syntax tree back as canonical condition text.

``parse(to_source(node)) == node`` holds for every tree the parser can produce, so the editor
can store the tree and show researchers tidy text.
"""

from __future__ import annotations

import math
from decimal import Decimal

from .ast import BinOp, Call, Neg, Node, Number, Ref, String

# Higher binds tighter. Comparisons do not chain, so they are treated specially below.
_PRECEDENCE = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 3,
    "<=": 3,
    ">": 3,
    ">=": 3,
    "+": 4,
    "-": 4,
    "*": 5,
    "div": 5,
    "mod": 5,
}
_COMPARISON_PRECEDENCE = 3
_UNARY_PRECEDENCE = 6
_ATOM_PRECEDENCE = 7


def to_source(node: Node) -> str:
    """The canonical text of ``node``, with only the brackets that precedence requires."""
    if isinstance(node, Number):
        return number_source(node.value)
    if isinstance(node, String):
        return string_source(node.value)
    if isinstance(node, Ref):
        return f"${{{node.code}}}"
    if isinstance(node, Neg):
        return "-" + _operand_source(node.operand, _UNARY_PRECEDENCE)
    if isinstance(node, BinOp):
        return _binop_source(node)
    if isinstance(node, Call):
        return f"{node.name}({', '.join(to_source(arg) for arg in node.args)})"
    raise TypeError(f"Not a condition node: {node!r}")


def number_source(value: int | float) -> str:
    """Digits with an optional fraction, never an exponent (the grammar has none)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"Not a number: {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("Negative numbers are written as Neg(Number(...))")
        return str(value)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{value!r} cannot be written in a condition")
    # repr() is the shortest text that reads back as the same float; Decimal expands its exponent.
    text = format(Decimal(repr(abs(value))), "f")
    return text if "." in text else text + ".0"


def string_source(value: str) -> str:
    """Single quotes unless the text contains one; the grammar has no escapes."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError("Text containing both kinds of quote cannot be written in a condition")


def _precedence(node: Node) -> int:
    if isinstance(node, BinOp):
        return _PRECEDENCE[node.op]
    if isinstance(node, Neg):
        return _UNARY_PRECEDENCE
    return _ATOM_PRECEDENCE


def _binop_source(node: BinOp) -> str:
    precedence = _PRECEDENCE[node.op]
    # Operators are left-associative, so a right operand of equal precedence needs brackets;
    # comparisons do not chain, so a comparison operand on either side needs them too.
    left_minimum = precedence + 1 if precedence == _COMPARISON_PRECEDENCE else precedence
    left = _operand_source(node.left, left_minimum)
    right = _operand_source(node.right, precedence + 1)
    return f"{left} {node.op} {right}"


def _operand_source(node: Node, minimum_precedence: int) -> str:
    source = to_source(node)
    return source if _precedence(node) >= minimum_precedence else f"({source})"
