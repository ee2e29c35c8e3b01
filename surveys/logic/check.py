"""Check that a condition makes sense for the survey it belongs to.

The parser only knows the grammar; this module knows the questions. It catches references to
missing or later questions and comparisons that can never behave as the researcher expects,
such as a misspelt choice value. Every problem is reported, once, in source order.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .ast import FUNCTION_ARITIES, BinOp, Call, Neg, Node, Number, Ref, String
from .printer import to_source

SYMBOL_KINDS = frozenset({"choice", "multi", "number", "text", "date", "unsupported"})
_ORDERINGS = frozenset({"<", "<=", ">", ">="})
_ORDERABLE = frozenset({"number", "date"})
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What an expression of each kind is, for messages. "string" is a literal in quotes.
_NOUNS = {
    "number": "a number",
    "text": "a text answer",
    "date": "a date",
    "choice": "a single-choice answer",
    "multi": "a multiple-choice answer",
    "string": "text",
    "boolean": "a condition",
}


@dataclass(frozen=True)
class Symbol:
    """What a condition may know about an earlier question.

    ``kind`` is one of SYMBOL_KINDS; ``choices`` are the stored values of a choice or multi
    question; ``label`` names the question type in messages about unsupported questions.
    """

    kind: str
    label: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Operand:
    node: Node
    kind: str | None  # None when unknown, because a problem was already reported

    @property
    def name(self) -> str:
        return _name(self.node)

    @property
    def noun(self) -> str:
        return _NOUNS.get(self.kind or "", "something else")


def check(
    node: Node,
    *,
    available: Mapping[str, Symbol],
    later: Collection[str],
    itself: str | None = None,
    this_page: Collection[str] = (),
) -> list[str]:
    """Problems with ``node`` as researcher-facing sentences; an empty list means it is fine.

    ``available`` holds the questions before the one the condition belongs to; ``later`` the
    codes of the rest of the survey, which a condition cannot use yet. ``itself`` is the code
    of the question the condition belongs to and ``this_page`` the codes of the page a page
    condition belongs to: both are later too, and named as such so the message makes sense.
    """
    checker = _Checker(available, later, itself=itself, this_page=this_page)
    checker.kind_of(node)
    return list(dict.fromkeys(checker.problems))


def _name(node: Node) -> str:
    if isinstance(node, Ref):
        return f"${{{node.code}}}"
    try:
        return to_source(node)
    except (TypeError, ValueError, KeyError):
        return "this part of the condition"


class _Checker:
    def __init__(
        self,
        available: Mapping[str, Symbol],
        later: Collection[str],
        *,
        itself: str | None,
        this_page: Collection[str],
    ) -> None:
        self.available = available
        self.later = later
        self.itself = itself
        self.this_page = this_page
        self.problems: list[str] = []

    def kind_of(self, node: Node) -> str | None:
        """Visit ``node`` (children first, so problems come in source order) and type it."""
        if isinstance(node, Number):
            return "number"
        if isinstance(node, String):
            return "string"
        if isinstance(node, Ref):
            return self._reference_kind(node.code)
        if isinstance(node, Neg):
            self._require_number(self._operand(node.operand), "-")
            return "number"
        if isinstance(node, BinOp):
            return self._binop_kind(node)
        if isinstance(node, Call):
            return self._call_kind(node)
        return None

    def _operand(self, node: Node) -> _Operand:
        return _Operand(node, self.kind_of(node))

    def _reference_kind(self, code: str) -> str | None:
        symbol = self.available.get(code)
        if symbol is not None and symbol.kind in SYMBOL_KINDS - {"unsupported"}:
            return symbol.kind
        if symbol is not None:
            what = f"a {symbol.label} question" if symbol.label else "a kind of question that"
            self.problems.append(f"${{{code}}} is {what} and cannot be used in a condition")
        elif code == self.itself:
            self.problems.append(
                f"${{{code}}} is this question itself; a condition can only use earlier answers"
            )
        elif code in self.this_page:
            self.problems.append(
                f"${{{code}}} is on this page; a page's condition can only use answers "
                "from earlier pages"
            )
        elif code in self.later:
            self.problems.append(
                f"${{{code}}} comes later in the survey; a condition can only use earlier answers"
            )
        else:
            self.problems.append(f"${{{code}}} is not a question in this survey")
        return None

    def _binop_kind(self, node: BinOp) -> str | None:
        left, right = self._operand(node.left), self._operand(node.right)
        if node.op in ("and", "or"):
            return "boolean"
        if node.op in ("=", "!="):
            self._check_equality(node.op, left, right)
            return "boolean"
        if node.op in _ORDERINGS:
            self._check_ordering(node.op, left, right)
            return "boolean"
        self._require_number(left, node.op)
        self._require_number(right, node.op)
        return "number"

    def _check_equality(self, op: str, left: _Operand, right: _Operand) -> None:
        if _is_empty_text(left.node) or _is_empty_text(right.node):
            return  # `${x} = ''` asks whether x was answered, whatever its kind.
        if left.kind is None or right.kind is None or left.kind == right.kind:
            return
        for side in (left, right):
            if side.kind == "multi":
                instead = f"selected({side.name}, 'value')"
                instead = f"not({instead})" if op == "!=" else instead
                self.problems.append(
                    f"{side.name} can have several answers; use {instead} instead of '{op}'"
                )
                return
        if left.kind == "string" or _is_number_literal(left.node):
            left, right = right, left  # Literals on the right from here on.
        quoted = right.kind == "string"
        if quoted or (_is_number_literal(right.node) and left.kind in ("choice", "date")):
            self._check_against_text(left, right)
        else:
            self._mismatch(left, right)

    def _check_against_text(self, side: _Operand, literal: _Operand) -> None:
        """``side`` compared with a literal in quotes (or a number where quotes were due)."""
        value = literal.node.value if isinstance(literal.node, String) else None
        if side.kind == "choice":
            self._check_choice(side, literal)
        elif side.kind == "date":
            self._check_date(side, literal)
        elif side.kind == "number":
            self.problems.append(
                f"{side.name} is a number; compare it with a number, not {literal.name}"
            )
        elif side.kind != "text" or value is None:
            self._mismatch(side, literal)

    def _check_choice(self, side: _Operand, literal: _Operand) -> None:
        choices = self._choices(side)
        listed = f"choices: {', '.join(choices)}" if choices else "it has no choices"
        if not isinstance(literal.node, String):
            self.problems.append(
                f"{side.name} is {side.noun}; compare it with one of its choices in quotes "
                f"({listed})"
            )
        elif literal.node.value not in choices:
            self.problems.append(f"{literal.name} is not a choice of {side.name} ({listed})")

    def _choices(self, side: _Operand) -> tuple[str, ...]:
        symbol = self.available.get(side.node.code) if isinstance(side.node, Ref) else None
        return symbol.choices if symbol is not None else ()

    def _check_date(self, side: _Operand, literal: _Operand) -> None:
        if isinstance(literal.node, String) and _is_date_text(literal.node.value):
            return
        self.problems.append(
            f"{literal.name} is not a date; compare {side.name} with a date written as 'YYYY-MM-DD'"
        )

    def _mismatch(self, left: _Operand, right: _Operand) -> None:
        self.problems.append(
            f"{left.name} is {left.noun} and {right.name} is {right.noun}, "
            "so they cannot be compared"
        )

    def _check_ordering(self, op: str, left: _Operand, right: _Operand) -> None:
        if left.kind is None or right.kind is None:
            return
        if left.kind == "string" and right.kind in _ORDERABLE:
            left, right = right, left
        if left.kind in _ORDERABLE and right.kind == "string":
            self._check_against_text(left, right)
        elif left.kind in _ORDERABLE and right.kind in _ORDERABLE:
            if left.kind != right.kind:
                self._mismatch(left, right)
        else:
            unorderable = [side for side in (left, right) if side.kind not in _ORDERABLE]
            # Blame the answers rather than the literals they are compared with, if possible.
            answers = [side for side in unorderable if side.kind != "string"]
            for side in answers or unorderable:
                self.problems.append(f"{side.name} is {side.noun} and cannot be compared with {op}")

    def _require_number(self, side: _Operand, op: str) -> None:
        if side.kind not in (None, "number"):
            self.problems.append(f"{side.name} is {side.noun}, not a number; '{op}' needs numbers")

    def _call_kind(self, node: Call) -> str | None:
        args = [self._operand(arg) for arg in node.args]
        expected = FUNCTION_ARITIES.get(node.name)
        if expected is None:
            self.problems.append(f"Unknown function '{node.name}()'")
            return None
        if len(args) != expected:
            self.problems.append(f"{node.name}() takes {expected} arguments, not {len(args)}")
            return None
        if node.name == "selected":
            self._check_selected(*args)
        elif node.name == "count-selected":
            self._require_question(args[0], "count-selected", ("multi",))
        elif node.name == "string-length":
            self._require_question(args[0], "string-length", ("text", "string"))
        return "number" if node.name in ("count-selected", "string-length") else "boolean"

    def _check_selected(self, question: _Operand, choice: _Operand) -> None:
        if not self._require_question(question, "selected", ("choice", "multi")):
            return
        if isinstance(choice.node, String):
            self._check_choice(question, choice)
        elif choice.kind is not None:
            self.problems.append(
                f"selected() needs one of the choices of {question.name} in quotes, "
                f"not {choice.name}"
            )

    def _require_question(self, side: _Operand, function: str, kinds: tuple[str, ...]) -> bool:
        """Whether ``side`` is fit for ``function``; reports why not (unless already reported)."""
        fits = side.kind in kinds and (isinstance(side.node, Ref) or side.kind == "string")
        if fits or side.kind is None:
            return fits
        wanted = {"selected": "a choice", "count-selected": "a multiple-choice"}.get(
            function, "a text"
        )
        self.problems.append(f"{function}() needs {wanted} question; {side.name} is {side.noun}")
        return False


def _is_empty_text(node: Node) -> bool:
    return isinstance(node, String) and node.value == ""


def _is_number_literal(node: Node) -> bool:
    return isinstance(node, Number) or (isinstance(node, Neg) and isinstance(node.operand, Number))


def _is_date_text(text: str) -> bool:
    if not _DATE_TEXT.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
