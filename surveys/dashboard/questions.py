"""Per-question breakdowns: how often each option was chosen, for every choice question of the
published version, and how many text answers there are to read.

One summariser per kind of answer: one value (single choice, dropdown, yes/no, rating scale,
0–10), a list (multiple choice: options overlap), one value per statement (matrix), and an order
(ranking: which option was ranked first). Other types — numbers, dates, consent, information —
have no options to count. Answers are read by question code from responses to every version, so
a question keeps its counts across re-publishing (publishing reports a code that changes meaning).
All of them are counted together, by `surveys.dashboard.answers`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.dashboard.answers import AnswerCounts, Counts, Wanted, answer_counts
from surveys.dashboard.breakdown import Breakdown, breakdown_of_overlapping, breakdown_of_parts
from surveys.dashboard.suppression import Figure, count_figure
from surveys.models import Survey
from surveys.question_types.matrix import rows as matrix_rows
from surveys.schema import ChoiceSpec, Instrument, QuestionSpec

TEXT_TYPES = ("short_text", "long_text")
ONE_VALUE = ("single_choice", "dropdown", "yes_no", "likert", "scale_0_10")


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


@dataclass(frozen=True)
class QuestionsSummary:
    questions: tuple[QuestionSummary, ...]
    texts: tuple[TextQuestion, ...]


def questions_summary(
    *, survey: Survey, instrument: Instrument, threshold: int
) -> QuestionsSummary:
    """Every choice question's breakdowns and every free-text place's count, in survey order."""
    places = text_places(instrument)
    counts = answer_counts(survey=survey, wanted=_wanted(instrument, places))
    summaries = []
    for question in instrument.questions():
        summarise = SUMMARISERS.get(question.type)
        if summarise is not None:
            summaries.append(
                QuestionSummary(
                    code=question.code,
                    label=question.label,
                    type_name=str(question.kind.name),
                    breakdowns=tuple(summarise(question, counts, threshold)),
                    overlapping=question.type == "multiple_choice",
                )
            )
    texts = tuple(
        TextQuestion(key=key, label=label, answered=count_figure(count, threshold=threshold))
        for key, label, count in ((k, lbl, counts.texts.get(k, 0)) for k, lbl in places)
    )
    return QuestionsSummary(questions=tuple(summaries), texts=texts)


def _wanted(instrument: Instrument, places: list[tuple[str, str]]) -> Wanted:
    def codes(*types: str) -> tuple[str, ...]:
        return tuple(q.code for q in instrument.questions() if q.type in types)

    return Wanted(
        values=codes(*ONE_VALUE),
        lists=codes("multiple_choice"),
        statements=codes("matrix"),
        rankings=codes("ranking"),
        texts=tuple(key for key, _label in places),
    )


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


def _labelled(options: Iterable[ChoiceSpec], counts: Counts) -> list[tuple[str, int]]:
    """Counts in the options' order; values no option has any more (an earlier version's) last."""
    options = list(options)
    known = {option.value for option in options}
    labelled = [(option.label, counts.get(option.value, 0)) for option in options]
    labelled += [(value, count) for value, count in sorted(counts.items()) if value not in known]
    return labelled


def _one_value(question: QuestionSpec, counts: AnswerCounts, threshold: int) -> list[Breakdown]:
    options = question.kind.options(question)
    if question.type == "scale_0_10":
        options = _zero_to_ten(question)
    labelled = _labelled(options, counts.values.get(question.code, {}))
    return [breakdown_of_parts(title=question.label, counts=labelled, threshold=threshold)]


def _zero_to_ten(question: QuestionSpec) -> list[ChoiceSpec]:
    ends = {0: question.config.get("min_label", ""), 10: question.config.get("max_label", "")}
    return [
        ChoiceSpec(str(point), f"{point} – {ends[point]}" if ends.get(point) else str(point))
        for point in range(11)
    ]


def _many_values(question: QuestionSpec, counts: AnswerCounts, threshold: int) -> list[Breakdown]:
    labelled = _labelled(question.choices, counts.lists.get(question.code, {}))
    answered = counts.lists_answered.get(question.code, 0)
    return [
        breakdown_of_overlapping(
            title=question.label, counts=labelled, answered=answered, threshold=threshold
        )
    ]


def _per_statement(question: QuestionSpec, counts: AnswerCounts, threshold: int) -> list[Breakdown]:
    statements = counts.statements.get(question.code, {})
    return [
        breakdown_of_parts(
            title=str(row.get("label") or row["value"]),
            counts=_labelled(question.choices, statements.get(row["value"], {})),
            threshold=threshold,
        )
        for row in matrix_rows(question)
    ]


def _ranked_first(question: QuestionSpec, counts: AnswerCounts, threshold: int) -> list[Breakdown]:
    labelled = _labelled(question.choices, counts.ranked_first.get(question.code, {}))
    return [breakdown_of_parts(title=_("Ranked first"), counts=labelled, threshold=threshold)]


Summariser = Callable[[QuestionSpec, AnswerCounts, int], list[Breakdown]]

SUMMARISERS: dict[str, Summariser] = {
    **dict.fromkeys(ONE_VALUE, _one_value),
    "multiple_choice": _many_values,
    "matrix": _per_statement,
    "ranking": _ranked_first,
}
