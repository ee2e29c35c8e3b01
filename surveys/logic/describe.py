"""Say a condition in plain English for respondents and for the survey preview.

``describe`` finishes the sentence "This question is for you if …". It only handles the common,
simple shapes; for anything else it returns None and the caller says nothing rather than
something stilted or wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .ast import BinOp, Call, Neg, Node, Number, Ref, String
from .printer import number_source

_MIRRORED = {"=": "=", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}
_NEGATED_EQUALITY = {"=": "!=", "!=": "="}
_NUMBER_PHRASES = {
    ">": "more than {n}",
    ">=": "{n} or more",
    "<": "less than {n}",
    "<=": "{n} or less",
    "=": "{n}",
    "!=": "not {n}",
}
_COUNT_PHRASES = {
    ">": "you selected more than {n} {options} in {question}",
    ">=": "you selected {n} or more {options} in {question}",
    "<": "you selected fewer than {n} {options} in {question}",
    "<=": "you selected {n} or fewer {options} in {question}",
    "=": "you selected exactly {n} {options} in {question}",
    "!=": "you did not select exactly {n} {options} in {question}",
}


@dataclass(frozen=True)
class QuestionText:
    """What respondents see of a question: its label and the labels of its choice values."""

    label: str
    choice_labels: Mapping[str, str] = field(default_factory=dict)


def describe(node: Node, questions: Mapping[str, QuestionText]) -> str | None:
    """An English clause for ``node``, e.g. "you answered ‘Police’ to ‘Which agency?’"."""
    return _Describer(questions).clause(node)


class _Describer:
    def __init__(self, questions: Mapping[str, QuestionText]) -> None:
        self.questions = questions

    def clause(self, node: Node) -> str | None:
        if isinstance(node, BinOp) and node.op in ("and", "or"):
            return self._connective(node)
        if isinstance(node, BinOp) and node.op in _MIRRORED:
            return self._comparison(node.op, node.left, node.right)
        if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
            return self._selected(*node.args, negated=False)
        if isinstance(node, Call) and node.name == "not" and len(node.args) == 1:
            return self._negation(node.args[0])
        return None

    def _connective(self, node: BinOp) -> str | None:
        # "A and B, or C" reads as (A and B) or C, so an `or` inside an `and` cannot be said.
        if node.op == "and" and any(_is_or(side) for side in (node.left, node.right)):
            return None
        left, right = self.clause(node.left), self.clause(node.right)
        if left is None or right is None:
            return None
        return f"{left} and {right}" if node.op == "and" else f"{left}, or {right}"

    def _negation(self, inner: Node) -> str | None:
        if isinstance(inner, Call) and inner.name == "selected" and len(inner.args) == 2:
            return self._selected(*inner.args, negated=True)
        if isinstance(inner, BinOp) and inner.op in _NEGATED_EQUALITY:
            return self._comparison(_NEGATED_EQUALITY[inner.op], inner.left, inner.right)
        return None

    def _selected(self, question: Node, choice: Node, *, negated: bool) -> str | None:
        if not (isinstance(question, Ref) and isinstance(choice, String)):
            return None
        verb = "did not select" if negated else "selected"
        label = self._choice(question.code, choice.value)
        return f"you {verb} {label} in {self._question(question.code)}"

    def _comparison(self, op: str, left: Node, right: Node) -> str | None:
        if not _is_subject(left):
            left, right, op = right, left, _MIRRORED[op]
        if isinstance(left, Ref) and isinstance(right, String):
            return self._answer_is_text(op, left.code, right.value)
        number = _number_words(right)
        if number is None:
            return None
        if isinstance(left, Ref):
            phrase = _NUMBER_PHRASES[op].format(n=number)
            return f"your answer to {self._question(left.code)} is {phrase}"
        if _is_count_selected(left):
            return self._count_selected(op, left.args[0].code, number)
        return None

    def _answer_is_text(self, op: str, code: str, value: str) -> str | None:
        question = self._question(code)
        if op not in ("=", "!="):
            return None
        if value == "":
            return f"you did not answer {question}" if op == "=" else f"you answered {question}"
        verb = "answered" if op == "=" else "did not answer"
        return f"you {verb} {self._choice(code, value)} to {question}"

    def _count_selected(self, op: str, code: str, number: str) -> str:
        question = self._question(code)
        if (op, number) in ((">", "0"), (">=", "1")):
            return f"you selected at least one option in {question}"
        if (op, number) in (("=", "0"), ("<", "1")):
            return f"you did not select any options in {question}"
        # "exactly 1 option", "more than 1 option", but "1 or more options".
        options = "option" if number == "1" and op in ("=", "!=", ">") else "options"
        return _COUNT_PHRASES[op].format(n=number, options=options, question=question)

    def _question(self, code: str) -> str:
        question = self.questions.get(code)
        return f"‘{question.label}’" if question and question.label else f"${{{code}}}"

    def _choice(self, code: str, value: str) -> str:
        question = self.questions.get(code)
        label = question.choice_labels.get(value) if question else None
        return f"‘{label or value}’"


def _is_or(node: Node) -> bool:
    return isinstance(node, BinOp) and node.op == "or"


def _is_count_selected(node: Node) -> bool:
    return (
        isinstance(node, Call)
        and node.name == "count-selected"
        and len(node.args) == 1
        and isinstance(node.args[0], Ref)
    )


def _is_subject(node: Node) -> bool:
    """Whether ``node`` is what a sentence would be about: an answer, not a literal."""
    return isinstance(node, Ref) or _is_count_selected(node)


def _number_words(node: Node) -> str | None:
    negative = isinstance(node, Neg)
    number = node.operand if negative else node
    if not isinstance(number, Number):
        return None
    try:
        return ("-" if negative else "") + number_source(number.value)
    except ValueError:
        return None
