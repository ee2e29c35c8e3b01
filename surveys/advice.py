"""Methodological warnings about an instrument: shown when publishing, never blocking it.

They are what a survey methodologist would point out first, and each has its good exceptions,
so publishing goes ahead: the researcher decides.

- A page with more than 7 questions: long pages tire people and raise drop-out; split them.
- A required choice question with no non-substantive option ("Prefer not to say", "Not sure",
  "Not applicable"): it forces a choice, so people who have none guess or leave.
- A label that already says "(optional)": respondent pages add "(optional)" themselves to every
  question that is not required, so it would say it twice (or say it of a required question).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from surveys.schema import instrument_from_schema

MOST_QUESTIONS_ON_A_PAGE = 7
# Types whose options are points or categories a person may have no answer among.
SUBSTANTIVE_CHOICE_TYPES = {"single_choice", "dropdown", "multiple_choice", "likert", "matrix"}
SAYS_OPTIONAL = re.compile(r"\(\s*optional\s*\)", re.IGNORECASE)


def instrument_warnings(schema: dict) -> list[str]:
    """Sentences for the researcher, in page and question order, about a publishable document."""
    warnings = []
    for page in instrument_from_schema(schema).pages:
        answerable = [q for q in page.questions if q.kind.has_answer]
        if len(answerable) > MOST_QUESTIONS_ON_A_PAGE:
            warnings.append(
                _(
                    "Page %(number)d has %(count)d questions: pages of %(most)d or fewer are "
                    "easier to answer and fewer people give up."
                )
                % {
                    "number": page.number,
                    "count": len(answerable),
                    "most": MOST_QUESTIONS_ON_A_PAGE,
                }
            )
        for question in answerable:
            if (
                question.type in SUBSTANTIVE_CHOICE_TYPES
                and question.required
                and not any(choice.non_substantive for choice in question.choices)
            ):
                warnings.append(
                    _(
                        "Page %(number)d, ${%(code)s}: a required question with no option like "
                        "‘Prefer not to say’ or ‘Not sure’ forces a choice on people who have none."
                    )
                    % {"number": page.number, "code": question.code}
                )
            if SAYS_OPTIONAL.search(question.label):
                warnings.append(
                    _(
                        "Page %(number)d, ${%(code)s}: the label says ‘(optional)’; respondent "
                        "pages add it themselves to questions that are not required."
                    )
                    % {"number": page.number, "code": question.code}
                )
    return warnings
