"""Skip logic: the "show if" conditions of survey questions and pages.

Conditions use XLSForm syntax, e.g. ``${agency} = 'police' and ${years} >= 5``. Text becomes a
tree with :func:`parse`; the tree is stored as JSON (:func:`to_json`), evaluated on the server
with :func:`evaluate` and in the browser by ``frontend/static/js/logic.mjs``, checked against the
survey with :func:`check`, and explained to respondents with :func:`describe`.
"""

from .ast import (
    BinOp,
    Call,
    Neg,
    Node,
    Number,
    Ref,
    String,
    from_json,
    referenced_codes,
    to_json,
)
from .check import Symbol, check
from .describe import QuestionText, describe
from .evaluate import evaluate, is_true
from .parser import ParseError, parse
from .printer import to_source

__all__ = [
    "BinOp",
    "Call",
    "Neg",
    "Node",
    "Number",
    "ParseError",
    "QuestionText",
    "Ref",
    "String",
    "Symbol",
    "check",
    "describe",
    "evaluate",
    "from_json",
    "is_true",
    "parse",
    "referenced_codes",
    "to_json",
    "to_source",
]
