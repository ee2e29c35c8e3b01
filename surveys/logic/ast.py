"""The syntax tree of a "show if" condition, and its JSON form.

The JSON form is what the browser evaluates (``frontend/static/js/logic.mjs``), so its shape is a
contract between the two languages: change it in both places or not at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

BINARY_OPERATORS = frozenset(
    {"or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"}
)
MAX_CODE_LENGTH = 64
CODE_PATTERN = re.compile(rf"[a-z][a-z0-9_]{{0,{MAX_CODE_LENGTH - 1}}}")
# Function name -> number of arguments. Adding one means teaching evaluate.py, check.py and
# logic.mjs about it too.
FUNCTION_ARITIES = {
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "not": 1,
    "true": 0,
    "false": 0,
}


@dataclass(frozen=True)
class Number:
    value: int | float


@dataclass(frozen=True)
class String:
    value: str


@dataclass(frozen=True)
class Ref:
    """A reference to an earlier answer, written ``${code}``."""

    code: str


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Number | String | Ref | Neg | BinOp | Call


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``, in source order."""
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def referenced_codes(node: Node) -> set[str]:
    """Every question code the condition refers to."""
    codes: set[str] = set()
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, Ref):
            codes.add(current.code)
        pending.extend(children(current))
    return codes


def tree_depth(node: Node) -> int:
    """How many nodes deep the tree is (a leaf is 1); iterative, so safe on any tree."""
    deepest = 0
    pending = [(node, 1)]
    while pending:
        current, depth = pending.pop()
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children(current))
    return deepest


def to_json(node: Node) -> dict[str, Any]:
    """The JSON-ready dict for ``node`` (see the module docstring for why the shape is fixed)."""
    if isinstance(node, Number):
        return {"type": "number", "value": node.value}
    if isinstance(node, String):
        return {"type": "string", "value": node.value}
    if isinstance(node, Ref):
        return {"type": "ref", "code": node.code}
    if isinstance(node, Neg):
        return {"type": "neg", "operand": to_json(node.operand)}
    if isinstance(node, BinOp):
        return {
            "type": "binop",
            "op": node.op,
            "left": to_json(node.left),
            "right": to_json(node.right),
        }
    if isinstance(node, Call):
        return {"type": "call", "name": node.name, "args": [to_json(arg) for arg in node.args]}
    raise TypeError(f"Not a condition node: {node!r}")


def from_json(data: Any) -> Node:
    """Rebuild a node from :func:`to_json` output; raises ``ValueError`` on any other shape."""
    if not isinstance(data, dict):
        raise ValueError(f"A condition node must be an object, not {type(data).__name__}")
    kind = data.get("type")
    builder = _JSON_BUILDERS.get(kind) if isinstance(kind, str) else None
    if builder is None:
        raise ValueError(f"Unknown condition node type: {data.get('type')!r}")
    return builder(data)


def _number_from_json(data: dict[str, Any]) -> Number:
    value = data.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"A number node needs a numeric value, not {value!r}")
    return Number(value)


def _string_from_json(data: dict[str, Any]) -> String:
    value = data.get("value")
    if not isinstance(value, str):
        raise ValueError(f"A string node needs a string value, not {value!r}")
    return String(value)


def _ref_from_json(data: dict[str, Any]) -> Ref:
    code = data.get("code")
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        raise ValueError(f"A ref node needs a question code, not {code!r}")
    return Ref(code)


def _neg_from_json(data: dict[str, Any]) -> Neg:
    return Neg(from_json(data.get("operand")))


def _binop_from_json(data: dict[str, Any]) -> BinOp:
    op = data.get("op")
    if op not in BINARY_OPERATORS:
        raise ValueError(f"Unknown operator: {op!r}")
    return BinOp(op, from_json(data.get("left")), from_json(data.get("right")))


def _call_from_json(data: dict[str, Any]) -> Call:
    name, args = data.get("name"), data.get("args")
    if not isinstance(name, str) or not isinstance(args, list):
        raise ValueError("A call node needs a name and a list of args")
    return Call(name, tuple(from_json(arg) for arg in args))


_JSON_BUILDERS = {
    "number": _number_from_json,
    "string": _string_from_json,
    "ref": _ref_from_json,
    "neg": _neg_from_json,
    "binop": _binop_from_json,
    "call": _call_from_json,
}
