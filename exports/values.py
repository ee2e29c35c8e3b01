"""The kinds of missing value a dataset cell can hold, and how each format writes them.

Analysts need three kinds of missing told apart: the question was not asked (skip logic, or
not in the version answered), it was asked and not answered, or the answer was suppressed by the
small-group check. A cell holds an answer (a code, number, ISO date or text), `None`, or a
marker, `NOT_ASKED` or `SUPPRESSED`. In a question's cell `None` means "not answered" (it is
what a type's export reader gives for no answer, and by far the commonest missing value, so it
costs nothing); in a system variable it means there is nothing to say (the submission date of
an unfinished response). `NOT_ANSWERED` describes the first kind for the writers and codebook.

- SPSS: numeric user-missing codes with value labels (-99, -98, -97), declared missing.
- Stata: extended missing values (.a, .b, .c) with value labels.
- CSV, Excel, JSON Lines: blank (null) by default, or the SPSS codes with `missing_codes`.
Text variables have no codes in any format: they are blank whichever the reason.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class Missing:
    key: str
    code: int  # SPSS user-missing value; also written in flat files with `missing_codes`
    stata: str  # Stata extended missing value: .a, .b, .c
    label: str

    def __repr__(self) -> str:
        return f"<{self.key}>"


NOT_ANSWERED = Missing("not_answered", -99, "a", "Not answered")
NOT_ASKED = Missing("not_asked", -98, "b", "Not asked (skip logic or not in the version answered)")
SUPPRESSED = Missing("suppressed", -97, "c", "Suppressed (small group)")
MISSING_KINDS = (NOT_ANSWERED, NOT_ASKED, SUPPRESSED)
LOWEST_MISSING_CODE = min(kind.code for kind in MISSING_KINDS)
# What each missing cell of a question means: None is "not answered".
QUESTION_MISSING: dict = {None: NOT_ANSWERED, NOT_ASKED: NOT_ASKED, SUPPRESSED: SUPPRESSED}


def is_missing(value) -> bool:
    return value is None or value.__class__ is Missing
