"""Per-question breakdowns: how often each option was chosen, for every choice question of the
published version, and which text answers there are to read.

One summariser per kind of answer: one value (single choice, dropdown, yes/no, rating scale,
0–10), a list (multiple choice: options overlap), one value per statement (matrix), and an order
(ranking: which option was ranked first). Other types — numbers, dates, consent, information —
have no options to count. Answers are read by question code from responses to every version, so
a question keeps its counts across re-publishing (publishing reports a code that changes meaning).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.dashboard import statistics
from surveys.dashboard.breakdown import (
    Breakdown,
    breakdown_of_overlapping,
    breakdown_of_parts,
)
from surveys.dashboard.suppression import Figure, count_figure
from surveys.models import Survey
from surveys.question_types.matrix import rows as matrix_rows
from surveys.schema import ChoiceSpec, Instrument, QuestionSpec

TEXT_TYPES = ("short_text", "long_text")


@dataclass(frozen=True)
class QuestionSummary:
    code: str
    label: str
    type_name: str
    breakdowns: tuple[Breakdown, ...]
    overlapping: bool = False  # several answers each: percentages add up to more than 100


@dataclass(frozen=True)
class TextQuestion:
    """A place free text is typed: a text question, or an option's "please specify" box."""

    key: str
    label: str
    answered: Figure

    @property
    def listed(self) -> bool:
        """Answers are listed only when there are enough of them: a few answers are a count."""
        return self.answered.shown and self.answered.value > 0


def question_summaries(
    *, survey: Survey, instrument: Instrument, threshold: int
) -> list[QuestionSummary]:
    summaries = []
    for question in instrument.questions():
        summarise = SUMMARISERS.get(question.type)
        if summarise is not None:
            breakdowns = summarise(survey, question, threshold)
            summaries.append(
                QuestionSummary(
                    code=question.code,
                    label=question.label,
                    type_name=str(question.kind.name),
                    breakdowns=tuple(breakdowns),
                    overlapping=question.type == "multiple_choice",
                )
            )
    return summaries


def text_questions(*, survey: Survey, instrument: Instrument, threshold: int) -> list[TextQuestion]:
    return [
        TextQuestion(
            key=key,
            label=label,
            answered=count_figure(
                statistics.text_answers(survey=survey, key=key).count(), threshold=threshold
            ),
        )
        for key, label in text_places(instrument)
    ]


def text_places(instrument: Instrument) -> list[tuple[str, str]]:
    """(answer key, label) of every place free text can be typed, in question order."""
    places = []
    for question in instrument.questions():
        if question.type in TEXT_TYPES:
            places.append((question.code, question.label))
        elif question.other_choice is not None and question.kind.uses_choices:
            label = _("%(question)s — %(option)s") % {
                "question": question.label,
                "option": question.other_choice.label,
            }
            places.append((f"{question.code}.other", label))
    return places


def _labelled(options: Iterable[ChoiceSpec], counts: dict[str, int]) -> list[tuple[str, int]]:
    """Counts in the options' order; values no option has any more (an earlier version's) last."""
    options = list(options)
    known = {option.value for option in options}
    labelled = [(option.label, counts.get(option.value, 0)) for option in options]
    labelled += [(value, count) for value, count in sorted(counts.items()) if value not in known]
    return labelled


def _one_value(survey: Survey, question: QuestionSpec, threshold: int) -> list[Breakdown]:
    counts = statistics.value_counts(survey=survey, code=question.code)
    labelled = _labelled(question.kind.options(question), counts)
    return [breakdown_of_parts(title=question.label, counts=labelled, threshold=threshold)]


def _zero_to_ten(survey: Survey, question: QuestionSpec, threshold: int) -> list[Breakdown]:
    ends = {0: question.config.get("min_label", ""), 10: question.config.get("max_label", "")}
    points = [
        ChoiceSpec(str(point), f"{point} – {ends[point]}" if ends.get(point) else str(point))
        for point in range(11)
    ]
    counts = statistics.value_counts(survey=survey, code=question.code)
    labelled = _labelled(points, counts)
    return [breakdown_of_parts(title=question.label, counts=labelled, threshold=threshold)]


def _many_values(survey: Survey, question: QuestionSpec, threshold: int) -> list[Breakdown]:
    counts = statistics.list_item_counts(survey=survey, code=question.code)
    answered = statistics.answered_list_count(survey=survey, code=question.code)
    labelled = _labelled(question.choices, counts)
    return [
        breakdown_of_overlapping(
            title=question.label, counts=labelled, answered=answered, threshold=threshold
        )
    ]


def _per_statement(survey: Survey, question: QuestionSpec, threshold: int) -> list[Breakdown]:
    breakdowns = []
    for row in matrix_rows(question):
        counts = statistics.value_counts(survey=survey, code=question.code, key=row["value"])
        labelled = _labelled(question.choices, counts)
        title = str(row.get("label") or row["value"])
        breakdowns.append(breakdown_of_parts(title=title, counts=labelled, threshold=threshold))
    return breakdowns


def _ranked_first(survey: Survey, question: QuestionSpec, threshold: int) -> list[Breakdown]:
    counts = statistics.value_counts(survey=survey, code=question.code, key="0")
    labelled = _labelled(question.choices, counts)
    return [breakdown_of_parts(title=_("Ranked first"), counts=labelled, threshold=threshold)]


Summariser = Callable[[Survey, QuestionSpec, int], list[Breakdown]]

SUMMARISERS: dict[str, Summariser] = {
    "single_choice": _one_value,
    "dropdown": _one_value,
    "yes_no": _one_value,
    "likert": _one_value,
    "scale_0_10": _zero_to_ten,
    "multiple_choice": _many_values,
    "matrix": _per_statement,
    "ranking": _ranked_first,
}
