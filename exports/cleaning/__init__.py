"""Cleaning steps, in the order they run. See `base` for what a step is and how to add one."""

from exports.cleaning.base import DROP, FLAG, CleaningContext, CleaningStep, StepReport
from exports.cleaning.disclosure import Disclosure, DisclosureBlocked
from exports.cleaning.drop_questions import DropQuestions
from exports.cleaning.duplicates import Duplicates
from exports.cleaning.formulas import Formulas
from exports.cleaning.incomplete import Incomplete
from exports.cleaning.redaction import Redaction, TextRedactor
from exports.cleaning.speeders import Speeders
from exports.cleaning.straightlining import Straightlining
from exports.cleaning.test_responses import TestResponses

STEPS: tuple[type[CleaningStep], ...] = (
    TestResponses,
    Incomplete,
    Duplicates,
    Speeders,
    Straightlining,
    DropQuestions,
    Redaction,
    Disclosure,
    Formulas,
)

__all__ = [
    "DROP",
    "FLAG",
    "STEPS",
    "CleaningContext",
    "CleaningStep",
    "DisclosureBlocked",
    "Formulas",
    "StepReport",
    "TextRedactor",
]
