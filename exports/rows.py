"""From a response to a row of cells: the system variables, and each version's answers.

Extraction is compiled once per version (`VersionExtractor`): which question fills which
cells (through its type's `export_reader`, made once), and which page and question conditions
decide "not asked". Conditions are remembered by the values they read, so a survey's hundred
thousand rows evaluate each distinct case once. Every question cell starts as `NOT_ASKED` (or
`None` when no file of the export tells the two apart); a question that applies writes what its
reader gives (`None` being "not answered"), with one slice assignment when its columns are side
by side, as they nearly always are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from exports.layout import QUESTION, SYSTEM, Layout, Variable
from exports.options import ExportOptions
from exports.source import SourceRow
from exports.values import NOT_ASKED
from responses.models import Response
from surveys.logic import Node, evaluate, is_true, referenced_codes
from surveys.models import Survey
from surveys.question_types.base import StoredAnswer
from surveys.schema import Instrument, QuestionSpec

CONDITION_MEMORY = 10_000  # distinct cases remembered per condition; beyond, just evaluate
ID_LENGTH = 12


# --- system variables ----------------------------------------------------------------------------


def date_precision(*, options: ExportOptions, survey: Survey) -> str:
    """The precision dates leave with: the option, but never finer than the survey stores."""
    if options.dates == "date" and survey.submit_time_precision == Survey.TimePrecision.MONTH:
        return "month"
    return options.dates


def system_variables(*, options: ExportOptions, survey: Survey) -> list[Variable]:
    """The variables every dataset starts with, before flags and questions."""
    variables = [
        _system(
            "response_id",
            "Response id (random, for this export only)",
            "string",
            description="A random id made for this export; another export gives other ids.",
        ),
        _system("version", "Version of the questionnaire answered", "numeric", measure="ordinal"),
    ]
    if options.incomplete != "exclude":
        variables.append(
            _system("status", "Finished or not", "string", labels=_choices(Response.Status))
        )
    precision = date_precision(options=options, survey=survey)
    if precision != "none":
        kind, unit = ("date", "Date") if precision == "date" else ("string", "Month")
        variables.append(_system("started", f"{unit} started", kind, measure="ordinal"))
        variables.append(_system("submitted", f"{unit} submitted", kind, measure="ordinal"))
    variables += [
        _system(
            "duration_minutes",
            "Time spent answering (whole minutes)",
            "numeric",
            measure="scale",
            description="Time on the survey's pages, rounded to the minute; blank if unfinished.",
        ),
        _system("channel", "How the response came in", "string", labels=_choices(Response.Channel)),
    ]
    return variables


def _system(name, label, kind, *, measure="nominal", labels=None, description="") -> Variable:
    return Variable(
        key=f"{SYSTEM}/{name}",
        label=label,
        kind=kind,
        measure=measure,
        source=SYSTEM,
        value_labels=labels or {},
        description=description or label,
    )


def _choices(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


class SystemCells:
    """Fills the system variables of a row: the id, version number, dates, time spent."""

    def __init__(self, *, layout: Layout, version_numbers: dict[int, int], precision: str):
        self.version_numbers = version_numbers
        self.precision = precision
        self.zone = timezone.get_current_timezone()
        self.fillers: list[tuple[int, Callable[[SourceRow], Any]]] = []
        # Many rows share a day (or a month): each is worked out once.
        started = _Remembered(self._date)
        submitted = _Remembered(lambda moment: self._date(self._local_date(moment)))
        getters = {
            "version": lambda row: self.version_numbers[row.version_id],
            "status": lambda row: row.status,
            "started": lambda row: started[row.started_on],
            "submitted": lambda row: submitted[row.submitted_at],
            "duration_minutes": _minutes,
            "channel": lambda row: row.channel,
        }
        for position, variable in enumerate(layout.variables):
            if variable.source == SYSTEM and variable.wanted_name in getters:
                self.fillers.append((position, getters[variable.wanted_name]))
        self.id_position = layout.position(f"{SYSTEM}/response_id")
        self.shuffled_ids = True
        self._previous_id = ""
        self._repeat = 0
        self._count = 0

    def fill(self, cells: list, row: SourceRow) -> None:
        for position, getter in self.fillers:
            cells[position] = getter(row)
        cells[self.id_position] = self._id(row.order_key)

    def _id(self, order_key: str) -> str:
        """'R' and the first hex digits of the row's random order key, so ids are random, never
        read as numbers by a spreadsheet, and (rows being in key order) a rare repeat of the
        prefix comes next to its twin, where a suffix tells them apart. Unshuffled rows are
        numbered in order instead."""
        self._count += 1
        if not self.shuffled_ids:
            return f"R{self._count}"
        candidate = "R" + order_key[:ID_LENGTH]
        if candidate == self._previous_id:
            self._repeat += 1
            return f"{candidate}-{self._repeat + 1}"
        self._previous_id, self._repeat = candidate, 0
        return candidate

    def _local_date(self, moment):
        return None if moment is None else moment.astimezone(self.zone).date()

    def _date(self, value):
        if value is None:
            return None
        if self.precision == "month":
            return f"{value.year:04d}-{value.month:02d}"
        return value.isoformat()


class _Remembered(dict):
    """`convert(value)` for each distinct value, remembered (up to `CONDITION_MEMORY`)."""

    def __init__(self, convert: Callable[[Any], Any]):
        super().__init__()
        self.convert = convert

    def __missing__(self, value):
        converted = self.convert(value)
        if len(self) < CONDITION_MEMORY:
            self[value] = converted
        return converted


def _minutes(row: SourceRow):
    seconds = row.duration_seconds
    return None if seconds is None else (seconds + 30) // 60


# --- answers -------------------------------------------------------------------------------------


class RememberedCondition:
    """A condition whose result is remembered for each combination of the answers it reads."""

    __slots__ = ("code", "codes", "memory", "node")

    def __init__(self, node: Node):
        self.node = node
        self.codes = tuple(sorted(referenced_codes(node)))
        self.code = self.codes[0] if len(self.codes) == 1 else None
        self.memory: dict = {}

    def holds(self, answers: dict) -> bool:
        if self.code is not None:
            value = answers.get(self.code)
            kind = value.__class__
            # Text and None are their own keys (equal to nothing of another kind), which spares
            # a tuple for the commonest answers: a choice's code, or nothing.
            key = (
                value
                if kind is str or value is None
                else (list, *value)
                if kind is list
                else _frozen(value)
                if kind is dict
                else (kind, value)
            )
        else:
            key = tuple([_frozen(answers.get(code)) for code in self.codes])
        try:
            return self.memory[key]
        except KeyError:
            result = is_true(evaluate(self.node, answers))
            if len(self.memory) < CONDITION_MEMORY:
                self.memory[key] = result
            return result
        except TypeError:  # an answer of an unexpected shape: evaluate, do not remember
            return is_true(evaluate(self.node, answers))


def _frozen(value):
    """A hashable stand-in that keeps apart values Python calls equal (True, 1 and 1.0)."""
    kind = value.__class__
    if kind is list:
        return (list, tuple(value))
    if kind is dict:
        return (dict, tuple(sorted(value.items())))
    return (kind, value)


class VersionExtractor:
    """Turns one version's answers into cells of the layout, as compiled for that version."""

    def __init__(
        self,
        *,
        instrument: Instrument,
        sources: dict[str, tuple[QuestionSpec, int]],
        layout: Layout,
        only_codes: set[str] | None = None,
        not_asked: Any = NOT_ASKED,
    ):
        # `not_asked` is None when nothing the export writes tells "not asked" from "not
        # answered" (see exports.dataset.markers_wanted).
        self.template: list[Any] = [
            not_asked if v.source == QUESTION else (0 if v.source != SYSTEM else None)
            for v in layout.variables
        ]
        where = {variable.key: position for position, variable in enumerate(layout.variables)}
        positions: dict[str, dict[int, int]] = {}
        for key, (question, index) in sources.items():
            if key in where:
                positions.setdefault(question.code, {})[index] = where[key]
        # (page condition, ((reader, cells it fills, question condition), …)), per page
        self.pages = tuple(
            plan
            for page in instrument.pages
            if (plan := _page_plan(page, positions, only_codes)) is not None
        )

    def cells(self, answers: dict) -> list:
        cells = self.template.copy()
        get = answers.get
        for page_condition, runs, questions in self.pages:
            if page_condition is not None and not page_condition.holds(answers):
                continue
            for where, codes in runs:
                cells[where] = map(get, codes)
            for read, where, condition in questions:
                if condition is not None and not condition.holds(answers):
                    continue
                if where.__class__ is slice:
                    cells[where] = read(answers)
                else:
                    for position, value in zip(where, read(answers)):  # noqa: B905
                        cells[position] = value
        return cells


def _page_plan(page, positions, only_codes) -> tuple | None:
    """(page condition, runs, questions): `runs` are (slice, codes) of side-by-side stored
    answers that always apply, filled in one step; `questions` are (reader, cells, condition)."""
    stored: list[tuple[int, str]] = []
    questions = []
    for question in page.questions:
        found = positions.get(question.code)
        if not found or (only_codes is not None and question.code not in only_codes):
            continue
        if len(found) != len(question.kind.export_columns(question)):
            raise ValueError(f"Only some columns of ${{{question.code}}} are in the layout.")
        ordered = tuple(found[index] for index in sorted(found))
        read = question.kind.export_reader(question)
        if isinstance(read, StoredAnswer) and question.relevant_ast is None:
            stored.append((ordered[0], read.code))
            continue
        side_by_side = ordered == tuple(range(ordered[0], ordered[0] + len(ordered)))
        where = slice(ordered[0], ordered[-1] + 1) if side_by_side else ordered
        questions.append((read, where, _remembered(question.relevant_ast)))
    if not questions and not stored:
        return None
    return _remembered(page.relevant_ast), _runs(stored), tuple(questions)


def _runs(stored: list[tuple[int, str]]) -> tuple[tuple[slice, tuple[str, ...]], ...]:
    """Group (position, code) pairs into runs of consecutive positions."""
    runs: list[list] = []
    for position, code in sorted(stored):
        if runs and runs[-1][1] == position:
            runs[-1][1] += 1
            runs[-1][2].append(code)
        else:
            runs.append([position, position + 1, [code]])
    return tuple((slice(start, stop), tuple(codes)) for start, stop, codes in runs)


def _remembered(node: Node | None) -> RememberedCondition | None:
    return None if node is None else RememberedCondition(node)
