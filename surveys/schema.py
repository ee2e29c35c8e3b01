"""The published instrument: the JSON document a SurveyVersion holds, and its loaded form.

The document (format 1) is plain JSON so that it can be stored, checksummed and diffed:

    {"format": 1, "title": "...",
     "pages": [{"title": "...", "intro": "...", "relevant": "<expression or ''>",
                "questions": [{"code": "role", "type": "single_choice", "label": "...",
                               "hint": "...", "required": true, "relevant": "", "config": {},
                               "choices": [{"value": "sw", "label": "Social worker",
                                            "exclusive": false, "other": false}]}]}]}

A choice may also hold `"non_substantive": true` (see `ChoiceSpec`); it is left out when false.

`Instrument` is the same content as frozen dataclasses, with conditions parsed, which is what the
respondent journey and exports use. Load one with `instrument_for_version`.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from surveys.logic import Node, parse

if TYPE_CHECKING:
    from surveys.models import Survey, SurveyVersion
    from surveys.question_types import QuestionType

SCHEMA_FORMAT = 1
SHORT_LABEL_LENGTH = 70


@dataclass(frozen=True)
class ChoiceSpec:
    value: str
    label: str
    exclusive: bool = False
    other: bool = False
    # "Prefer not to say", "Not sure", "Not applicable": a real answer, but not a point of the
    # scale. Exports code it as a (user-)missing value; statistics leave it out. The document
    # holds the key only when true, so versions published before it existed load unchanged.
    non_substantive: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    type: str
    label: str
    page_index: int
    hint: str = ""
    required: bool = False
    relevant: str = ""
    config: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    choices: tuple[ChoiceSpec, ...] = ()
    relevant_ast: Node | None = field(default=None, compare=False)

    @cached_property  # asked for thousands of times a request; a question's type never changes
    def kind(self) -> QuestionType:
        from surveys.question_types import get_question_type

        return get_question_type(self.type)

    @property
    def short_label(self) -> str:
        """The label shortened for error messages and summaries (or config `short_label`)."""
        if self.config.get("short_label"):
            return str(self.config["short_label"])
        if len(self.label) <= SHORT_LABEL_LENGTH:
            return self.label
        cut = self.label[:SHORT_LABEL_LENGTH].rsplit(" ", 1)[0]
        return f"{cut}…"

    def choice_label(self, value: str) -> str:
        return next((c.label for c in self.choices if c.value == value), value)

    @property
    def other_choice(self) -> ChoiceSpec | None:
        return next((c for c in self.choices if c.other), None)


@dataclass(frozen=True)
class PageSpec:
    index: int
    title: str
    intro: str = ""
    relevant: str = ""
    questions: tuple[QuestionSpec, ...] = ()
    relevant_ast: Node | None = field(default=None, compare=False)

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass(frozen=True, eq=False)
class Instrument:
    title: str
    pages: tuple[PageSpec, ...]
    _by_code: dict[str, QuestionSpec] = field(init=False, repr=False)

    def __post_init__(self):
        codes = {question.code: question for page in self.pages for question in page.questions}
        object.__setattr__(self, "_by_code", codes)

    def questions(self) -> list[QuestionSpec]:
        return list(self._by_code.values())

    def question(self, code: str) -> QuestionSpec | None:
        return self._by_code.get(code)

    @cached_property
    def answer_keys(self) -> frozenset[str]:
        """Every key a response's answers to this instrument may hold."""
        return frozenset(
            key for _, questions in self.relevance_plan for _, keys in questions for key in keys
        )

    @cached_property
    def relevance_plan(
        self,
    ) -> tuple[tuple[Node | None, tuple[tuple[Node | None, tuple[str, ...]], ...]], ...]:
        """For each page, its condition and, for each question, its condition and answer keys.

        What deciding which answers apply walks through (surveys.relevance.prune, several
        times a request), worked out once: instruments are cached per version.
        """
        return tuple(
            (
                page.relevant_ast,
                tuple((q.relevant_ast, tuple(q.kind.answer_keys(q))) for q in page.questions),
            )
            for page in self.pages
        )


def _parse_or_none(source: str) -> Node | None:
    return parse(source) if source.strip() else None


def question_from_schema(question: dict, page_index: int, *, parse_condition=True) -> QuestionSpec:
    """One question of the document. Validation reads questions before their conditions are
    known to parse, so it asks for them unparsed."""
    relevant = question.get("relevant", "")
    return QuestionSpec(
        code=question["code"],
        type=question["type"],
        label=question.get("label", ""),
        page_index=page_index,
        hint=question.get("hint", ""),
        required=question.get("required", False),
        relevant=relevant,
        config=question.get("config", {}),
        choices=tuple(ChoiceSpec(**choice) for choice in question.get("choices", [])),
        relevant_ast=_parse_or_none(relevant) if parse_condition else None,
    )


def instrument_from_schema(schema: dict) -> Instrument:
    """Load a published document; its conditions are known to parse (publish checked them)."""
    pages = []
    for index, page in enumerate(schema["pages"]):
        questions = tuple(question_from_schema(q, index) for q in page["questions"])
        pages.append(
            PageSpec(
                index=index,
                title=page["title"],
                intro=page.get("intro", ""),
                relevant=page.get("relevant", ""),
                questions=questions,
                relevant_ast=_parse_or_none(page.get("relevant", "")),
            )
        )
    return Instrument(title=schema.get("title", ""), pages=tuple(pages))


CACHED_VERSIONS = 128
_loaded: OrderedDict[tuple[int, str], Instrument] = OrderedDict()
_loaded_lock = threading.Lock()


def instrument_for_version(version: SurveyVersion) -> Instrument:
    """The loaded instrument of a version, parsed once per process (versions never change).

    Known by the version's id and checksum alone, so a request that finds it here needs neither
    the schema column from the database nor any JSON work: respondent views load versions
    without it (`defer`), and only the first request for a version in a process reads the
    document (one query). A version row that could differ under the same id (a test's
    database rolled back and reused) has another checksum, since the checksum is the document's.
    """
    if version.pk is None or not version.checksum:
        return instrument_from_schema(version.schema)
    key = (version.pk, version.checksum)
    instrument = _loaded.get(key)
    if instrument is None:
        instrument = instrument_from_schema(version.schema)
        with _loaded_lock:
            _loaded[key] = instrument
            while len(_loaded) > CACHED_VERSIONS:
                _loaded.popitem(last=False)
    return instrument


def canonical_json(schema: dict) -> str:
    return json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def schema_checksum(schema: dict) -> str:
    return hashlib.sha256(canonical_json(schema).encode()).hexdigest()


def schema_from_drafts(survey: Survey) -> dict:
    """The document for the survey's current draft rows, in page and question order."""
    pages = survey.pages.prefetch_related("questions__choices").order_by("position")
    return {
        "format": SCHEMA_FORMAT,
        "title": survey.title,
        "pages": [
            {
                "title": page.title,
                "intro": page.intro,
                "relevant": page.relevant.strip(),
                "questions": [
                    {
                        "code": question.code,
                        "type": question.type,
                        "label": question.label,
                        "hint": question.hint,
                        "required": question.required,
                        "relevant": question.relevant.strip(),
                        "config": question.config or {},
                        "choices": [
                            choice_document(choice)
                            for choice in sorted(question.choices.all(), key=lambda c: c.position)
                        ],
                    }
                    for question in sorted(page.questions.all(), key=lambda q: q.position)
                ],
            }
            for page in pages
        ],
    }


def choice_document(choice) -> dict:
    """A draft option (a Choice row) as the document holds it."""
    document = {
        "value": choice.value,
        "label": choice.label,
        "exclusive": choice.exclusive,
        "other": choice.is_other,
    }
    if choice.non_substantive:
        document["non_substantive"] = True
    return document
