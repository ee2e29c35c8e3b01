"""Constraints: the XLSForm `constraint` column and the limits in a Candour question's config.

Candour checks answers with limits, not expressions, so the simple bounds researchers write are
read into config and written back the same way:

    integer, decimal     . >= 0 and . <= 60             min, max
    date                 . >= date('2015-01-01')         min, max ("YYYY-MM-DD" or "today")
                         . <= today()
    short and long text  string-length(.) <= 500         max_length
    multiple choice      count-selected(.) >= 1          min_selections, max_selections

Bounds may also be written the other way round (`0 <= .`); a strict bound on whole numbers or
dates moves by one (`. > 0` is `min 1`) and the report says so. Any other clause is reported and
left out: the rest of the constraint still applies.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

_SUBJECT = r"(?P<subject>\.|string-length\(\s*\.\s*\)|count-selected\(\s*\.\s*\))"
_BOUND = (
    r"(?P<bound>-?[0-9]+(?:\.[0-9]+)?|today\(\s*\)"
    r"|date\(\s*'[0-9]{4}-[0-9]{2}-[0-9]{2}'\s*\)|'[0-9]{4}-[0-9]{2}-[0-9]{2}')"
)
_OPERATOR = r"(?P<op><=|>=|<|>)"
_FORWARD = re.compile(rf"^\s*{_SUBJECT}\s*{_OPERATOR}\s*{_BOUND}\s*$")
_BACKWARD = re.compile(rf"^\s*{_BOUND}\s*{_OPERATOR}\s*{_SUBJECT}\s*$")
_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
_AND = re.compile(r"\s+and\s+")

# For each question type: what the subject of a clause must be, and the config keys of its
# lower and upper bound.
LIMITS: dict[str, tuple[str, str | None, str]] = {
    "integer": (".", "min", "max"),
    "decimal": (".", "min", "max"),
    "date": (".", "min", "max"),
    "short_text": ("string-length(.)", None, "max_length"),
    "long_text": ("string-length(.)", None, "max_length"),
    "multiple_choice": ("count-selected(.)", "min_selections", "max_selections"),
}
WHOLE_NUMBER_KEYS = {"max_length", "min_selections", "max_selections"}


@dataclass
class ReadConstraint:
    config: dict[str, Any] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # clauses Candour cannot check
    changed: list[str] = field(default_factory=list)  # strict bounds moved by one


def constraint_read(question_type: str, source: str) -> ReadConstraint:
    """The config limits a constraint sets for a question of `question_type`."""
    result = ReadConstraint()
    if question_type not in LIMITS:
        result.left_out.append(source.strip())
        return result
    for clause in _AND.split(source.strip()):
        if not _read_clause(question_type, clause, result):
            result.left_out.append(clause.strip())
    return result


def _read_clause(question_type: str, clause: str, result: ReadConstraint) -> bool:
    match = _FORWARD.match(clause) or _BACKWARD.match(clause)
    if match is None:
        return False
    op = match.group("op") if match.re is _FORWARD else _FLIPPED[match.group("op")]
    subject = re.sub(r"\s+", "", match.group("subject"))
    expected_subject, low_key, high_key = LIMITS[question_type]
    if subject != expected_subject:
        return False
    key = low_key if op.startswith(">") else high_key
    if key is None:
        return False
    value = _bound_value(question_type, key, match.group("bound"))
    if value is None:
        return False
    if len(op) == 1:  # strict: only whole numbers and dates have a next value
        if isinstance(value, float) or value == "today" or question_type == "decimal":
            return False
        value = _step(value, 1 if op == ">" else -1)
        result.changed.append(clause.strip())
    result.config[key] = value
    return True


def _bound_value(question_type: str, key: str, bound: str) -> Any:
    is_date = bound.startswith(("date", "'", "today"))
    if (question_type == "date") != is_date:
        return None
    if bound.startswith("today"):
        return "today"
    if is_date:
        text = bound.split("'")[1]
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    number = float(bound) if "." in bound else int(bound)
    if (question_type == "integer" or key in WHOLE_NUMBER_KEYS) and isinstance(number, float):
        return None
    return number


def _step(value, by: int):
    if isinstance(value, str):
        return (date.fromisoformat(value) + timedelta(days=by)).isoformat()
    return value + by


def constraint_write(question_type: str, config: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The constraint for the config's limits, and the config keys it does not express."""
    if question_type not in LIMITS:
        return "", dict(config)
    subject, low_key, high_key = LIMITS[question_type]
    rest = dict(config)
    clauses = []
    for key, op in ((low_key, ">="), (high_key, "<=")):
        if key is None or key not in config:
            continue
        bound = _bound_source(question_type, key, config[key])
        if bound is not None:
            clauses.append(f"{subject} {op} {bound}")
            del rest[key]
    return " and ".join(clauses), rest


def _bound_source(question_type: str, key: str, value: Any) -> str | None:
    """The value written as a bound, or None when it cannot be read back as the same value."""
    if question_type == "date":
        if value == "today":
            return "today()"
        try:
            canonical = date.fromisoformat(value).isoformat() == value
        except (TypeError, ValueError):
            return None
        return f"date('{value}')" if canonical else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and (
        question_type == "integer" or key in WHOLE_NUMBER_KEYS or not math.isfinite(value)
    ):
        return None
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else f"{text}.0"


def left_out_message(clauses: list[str]) -> str:
    return _("the constraint %(clauses)s is not one Candour can check; it was left out.") % {
        "clauses": " and ".join(f"‘{clause}’" for clause in clauses)
    }


def changed_message(clauses: list[str]) -> str:
    return _(
        "the strict limit %(clauses)s was read as the next whole number or day, inclusive."
    ) % {"clauses": " and ".join(f"‘{clause}’" for clause in clauses)}
