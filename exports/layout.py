"""The wide layout of a dataset: which variables it has, in which order, described how.

One row per response. The variables come from the question types (`export_columns`) of every
version included, merged by question code and column name: a variable exists if any included
version has it, and the
versions that lack it give "not asked". The newest version's wording wins; value labels are the
union (newest label first), so an option removed in a later version still has its label.

`Variable` is the one description every writer, the codebook and load.R/load.sps read; cleaning
steps change the layout before rows are read (drop a question, add a flag, generalise a
quasi-identifier) through `Layout.replace`, `Layout.add_flag` and `Layout.drop_question`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from exports.naming import PLAIN, SPSS, STATA, unique_names
from exports.values import LOWEST_MISSING_CODE
from surveys.logic import QuestionText, describe
from surveys.question_types import ExportColumn
from surveys.schema import Instrument, PageSpec, QuestionSpec

SYSTEM, FLAG, QUESTION = "system", "flag", "question"
YES_NO_FLAG = {0: "No", 1: "Yes"}
STATA_NON_SUBSTANTIVE_LETTERS = "defghijklmnopqrstuvwxyz"  # .a, .b, .c are the markers


@dataclass(frozen=True)
class Variable:
    """One column of the dataset, as every format and the codebook describe it."""

    key: str  # stable and unique: "system/version", "flag/flag_speeder", "<code>/<column>"
    label: str
    kind: str  # "numeric" | "string" | "date"
    measure: str  # "nominal" | "ordinal" | "scale"
    source: str = QUESTION  # SYSTEM | FLAG | QUESTION
    value_labels: dict[Any, str] = field(default_factory=dict)
    free_text: bool = False
    question_code: str = ""
    question_type: str = ""
    page: str = ""
    shown_if: str = ""  # in words
    shown_if_expression: str = ""  # as the researcher wrote it (XLSForm syntax)
    versions: tuple[int, ...] = ()
    lowest: float | None = None  # the smallest value it can hold, when known
    description: str = ""  # what a system variable or flag means, for the codebook
    missing_values: frozenset = frozenset()  # non-substantive answers (ExportColumn)
    notes: tuple[str, ...] = ()
    name: str = ""  # CSV, Excel and JSON Lines; unique whatever the case
    spss_name: str = ""
    stata_name: str = ""

    @property
    def wanted_name(self) -> str:
        """The name it would have if nothing clashed: the column name its type gives it."""
        return self.key.split("/", 1)[1]

    @property
    def categorical(self) -> bool:
        """A closed set of labelled values (options, scale points, selected or not)."""
        return self.measure != "scale" and bool(self.value_labels) and not self.free_text

    @property
    def numeric_codes(self) -> dict[Any, int]:
        """Whole-number codes for SPSS and Stata: 1..n in option order for text codes (which
        neither can label); numeric codes are kept as they are."""
        if self.kind == "string" and self.categorical:
            return {value: number for number, value in enumerate(self.value_labels, start=1)}
        return {}

    @property
    def coded_kind(self) -> str:
        """The kind in SPSS and Stata: text categories become numbers."""
        return "numeric" if self.numeric_codes else self.kind

    @property
    def takes_missing_codes(self) -> bool:
        """Whether the missing codes (-99, -98, -97) can never be mistaken for a real value."""
        if self.coded_kind != "numeric" or self.source != QUESTION:
            return False
        if self.numeric_codes:
            return True
        lowest = self.lowest
        if lowest is None and self.categorical:
            lowest = min(self.value_labels)
        return lowest is not None and lowest > LOWEST_MISSING_CODE + 2

    @property
    def non_substantive_codes(self) -> dict[Any, int]:
        """What SPSS stores for each non-substantive answer ("Prefer not to say", "Not sure"):
        -1, -2, … in option order, declared missing with the markers as the range -99 to -1,
        so that such an answer is kept and labelled but never counted as a point of the scale.
        Empty where a real answer could be negative (the range would swallow it)."""
        if not self.missing_values or not self.takes_missing_codes:
            return {}
        substantive = [v for v in self.value_labels if v not in self.missing_values]
        if not self.numeric_codes and any(float(v) < 0 for v in substantive):
            return {}
        ordered = [v for v in self.value_labels if v in self.missing_values]
        return {value: -number for number, value in enumerate(ordered, start=1)}

    @property
    def stata_non_substantive(self) -> dict[Any, str]:
        """Stata's extended missing values for the non-substantive answers: .d, .e, … after the
        markers' .a, .b and .c (Stata has 26)."""
        if not self.missing_values or self.coded_kind != "numeric" or self.source != QUESTION:
            return {}
        ordered = [v for v in self.value_labels if v in self.missing_values]
        return dict(zip(ordered, STATA_NON_SUBSTANTIVE_LETTERS, strict=False))


@dataclass
class Layout:
    """The variables of one export, in order: system variables, flags, then questions."""

    variables: list[Variable]
    version_numbers: tuple[int, ...]

    def __post_init__(self):
        self._name()

    @property
    def names(self) -> list[str]:
        return [variable.name for variable in self.variables]

    def position(self, key: str) -> int:
        return next(i for i, variable in enumerate(self.variables) if variable.key == key)

    def of_question(self, code: str) -> list[int]:
        return [i for i, v in enumerate(self.variables) if v.question_code == code]

    def replace(self, position: int, variable: Variable) -> None:
        self.variables[position] = variable
        self._name()

    def add_flag(self, name: str, label: str, description: str) -> None:
        """A 0/1 flag column, placed after the other system variables and flags."""
        flag = Variable(
            key=f"{FLAG}/{name}",
            label=label,
            kind="numeric",
            measure="nominal",
            source=FLAG,
            value_labels=dict(YES_NO_FLAG),
            description=description,
        )
        last = max(i for i, v in enumerate(self.variables) if v.source != QUESTION)
        self.variables.insert(last + 1, flag)
        self._name()

    def drop_question(self, code: str) -> int:
        """Remove every variable of a question; returns how many there were."""
        before = len(self.variables)
        self.variables = [v for v in self.variables if v.question_code != code]
        self._name()
        return before - len(self.variables)

    def _name(self) -> None:
        """Safe, unique names in all three namespaces, given in layout order (system variables
        and flags first, so a question coded `version` becomes `version_2`)."""
        wanted = [v.wanted_name for v in self.variables]
        names = zip(
            unique_names(wanted, PLAIN),
            unique_names(wanted, SPSS),
            unique_names(wanted, STATA),
            strict=True,
        )
        self.variables = [
            replace(v, name=plain, spss_name=spss, stata_name=stata)
            for v, (plain, spss, stata) in zip(self.variables, names, strict=True)
        ]


def layout_build(
    *, instruments: dict[int, Instrument], system: list[Variable]
) -> tuple[Layout, dict[int, dict[str, tuple[QuestionSpec, int]]]]:
    """The layout for responses to the given versions ({version number: instrument}), and for
    each version where each variable comes from: {variable key: (question, column index)}."""
    numbers = sorted(instruments, reverse=True)
    order: list[str] = []
    found: dict[str, list[tuple[int, QuestionSpec, PageSpec, ExportColumn]]] = {}
    sources: dict[int, dict[str, tuple[QuestionSpec, int]]] = {}
    for number in numbers:
        columns = list(_columns(instruments[number]))
        sources[number] = {_key(q, column): (q, i) for q, _, column, i in columns}
        _merge_order(order, [_key(q, column) for q, _, column, _ in columns])
        for question, page, column, _ in columns:
            found.setdefault(_key(question, column), []).append((number, question, page, column))
    questions = [
        _question_variable(key, found[key], instruments[found[key][0][0]]) for key in order
    ]
    layout = Layout(variables=system + questions, version_numbers=tuple(sorted(numbers)))
    return layout, sources


def _key(question: QuestionSpec, column: ExportColumn) -> str:
    return f"{question.code}/{column.name}"


def _columns(instrument: Instrument):
    for page in instrument.pages:
        for question in page.questions:
            for index, column in enumerate(question.kind.export_columns(question)):
                yield question, page, column, index


def _merge_order(order: list[str], names: list[str]) -> None:
    """Add `names` (one version's columns) to `order`, each new one after its predecessor."""
    present = set(order)
    after = -1
    for name in names:
        if name in present:
            after = order.index(name)
            continue
        order.insert(after + 1, name)
        present.add(name)
        after += 1


def _question_variable(key: str, found: list, newest: Instrument) -> Variable:
    """Merge what each version says about one column; `found` is newest first."""
    _, question, page, column = found[0]
    kinds = {c.kind for *_, c in found}
    kind = column.kind if len(kinds) == 1 else "string"
    labels: dict[Any, str] = {}
    for *_, older in found:
        for value, text in older.value_labels.items():
            labels.setdefault(str(value) if kind == "string" else value, str(text))
    words, expression = shown_if(newest, page, question)
    return Variable(
        key=key,
        label=column.label,
        kind=kind,
        measure=column.measure if len(kinds) == 1 else "nominal",
        value_labels=labels,
        free_text=any(c.free_text for *_, c in found),
        question_code=question.code,
        question_type=question.type,
        page=f"{page.number}. {page.title}",
        shown_if=words,
        shown_if_expression=expression,
        versions=tuple(sorted(n for n, *_ in found)),
        lowest=min((c.minimum for *_, c in found if c.minimum is not None), default=None),
        missing_values=frozenset(
            str(value) if kind == "string" else value
            for *_, c in found
            for value in c.missing_values
        ),
    )


def shown_if(instrument: Instrument, page: PageSpec, question: QuestionSpec) -> tuple[str, str]:
    """When the question is asked, in words and as written; ("", "") when always."""
    texts = _question_texts(instrument)
    parts = [
        (node, source)
        for node, source in (
            (page.relevant_ast, page.relevant),
            (question.relevant_ast, question.relevant),
        )
        if node is not None
    ]
    if not parts:
        return "", ""
    words = [describe(node, texts) or f"{source.strip()} holds" for node, source in parts]
    expression = " and ".join(f"({source.strip()})" for _, source in parts)
    return "Asked if " + " and ".join(words), expression if len(parts) > 1 else parts[0][1].strip()


@lru_cache(maxsize=32)
def _question_texts(instrument: Instrument) -> dict[str, QuestionText]:
    return {
        q.code: QuestionText(q.label, {c.value: c.label for c in q.kind.options(q)})
        for q in instrument.questions()
    }
