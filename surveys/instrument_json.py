"""The JSON instrument format: a survey's settings and its draft instrument, as one file.

It exists so that an instrument can be kept in version control, reviewed, shared between
Candour sites and restored exactly: export → import → export gives the same bytes, because the
file is written with sorted keys, two-space indents and a final newline, and holds nothing that
depends on the database (no ids, no dates, no slug).

Format version 1::

    {
      "format": "candour-instrument",
      "format_version": 1,
      "settings": {
        "title": "…", "description": "…", "organisation": "…", "contact_details": "…",
        "privacy_extra": "…", "estimated_minutes": 15 or null, "grace_period_hours": 24,
        "submit_time_precision": "hour" | "date" | "month", "allow_save_and_resume": true,
        "show_check_answers": true, "invitation_only": false, "followup_enabled": false,
        "followup_prompt": "…", "response_limit": null or a whole number
      },
      "pages": [
        {"title": "…", "intro": "…", "relevant": "<condition or ''>",
         "questions": [
           {"code": "role", "type": "single_choice", "label": "…", "hint": "…",
            "required": true, "relevant": "", "config": {…},
            "choices": [{"value": "sw", "label": "Social worker", "exclusive": false,
                         "other": false}]}]}
      ]
    }

A choice may also hold `"non_substantive": true` ("Prefer not to say" and the like: exported as
a missing value); it is written only when true.

`pages` has exactly the shape of a published version's document (`surveys.schema`), so a
version exports the same way as a draft. Settings leave out what belongs to one run of a study
rather than to the instrument: the address, status and opening and closing dates.

A file is checked for its shape (every key, type and database length) before anything is
saved; a file that would not make a publishable survey still imports, with the publish checks'
findings in the report, since a draft is allowed to be unfinished.
"""

from __future__ import annotations

import json
from typing import Any, NotRequired, TypedDict

from django.utils.translation import gettext as _

from surveys.instrument_import import (
    ImportMessage,
    ImportReport,
    ImportResult,
    InstrumentInvalid,
    survey_create_from_instrument,
)
from surveys.models import Choice, Page, Question, Survey
from surveys.question_types import question_types
from surveys.schema import schema_from_drafts

FORMAT_NAME = "candour-instrument"
FORMAT_VERSION = 1


class InstrumentSettings(TypedDict):
    title: str
    description: str
    organisation: str
    contact_details: str
    privacy_extra: str
    estimated_minutes: int | None
    grace_period_hours: int
    submit_time_precision: str
    allow_save_and_resume: bool
    show_check_answers: bool
    invitation_only: bool
    followup_enabled: bool
    followup_prompt: str
    response_limit: int | None


class ChoiceDocument(TypedDict):
    value: str
    label: str
    exclusive: bool
    other: bool
    non_substantive: NotRequired[bool]  # written only when true, as in a version's document


class QuestionDocument(TypedDict):
    code: str
    type: str
    label: str
    hint: str
    required: bool
    relevant: str
    config: dict[str, Any]
    choices: list[ChoiceDocument]


class PageDocument(TypedDict):
    title: str
    intro: str
    relevant: str
    questions: list[QuestionDocument]


class InstrumentFile(TypedDict):
    settings: InstrumentSettings
    pages: list[PageDocument]


SETTING_NAMES = tuple(InstrumentSettings.__annotations__)


def instrument_file_from_survey(*, survey: Survey, version=None) -> InstrumentFile:
    """The survey's settings with its draft instrument, or with a published `version`'s."""
    schema = version.schema if version is not None else schema_from_drafts(survey)
    settings = {name: getattr(survey, name) for name in SETTING_NAMES}
    return {"settings": settings, "pages": schema["pages"]}  # type: ignore[typeddict-item]


def instrument_json_dumps(instrument: InstrumentFile) -> str:
    """The file's text: the one canonical form, so that equal instruments are equal bytes."""
    document = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, **instrument}
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def instrument_json_export(*, survey: Survey, version=None) -> str:
    return instrument_json_dumps(instrument_file_from_survey(survey=survey, version=version))


def instrument_json_loads(text: str | bytes) -> InstrumentFile:
    """Read and check a file; InstrumentInvalid names every place that is wrong."""
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise InstrumentInvalid(
            [ImportMessage(_("The file is not valid JSON: %(error)s.") % {"error": error})]
        ) from None
    checker = _ShapeChecker()
    for path in _nul_paths(document, ""):
        checker.problem(path, _("Text cannot contain the NUL character (\\u0000)."))
    instrument = checker.instrument(document)
    if checker.problems:
        raise InstrumentInvalid(checker.problems)
    return instrument


def survey_import_json(
    *, text: str | bytes, owner, slug: str | None = None, publish: bool = False
) -> ImportResult:
    """A new draft survey owned by `owner` from a JSON instrument file (see the module)."""
    instrument = instrument_json_loads(text)
    return survey_create_from_instrument(
        instrument=instrument,
        owner=owner,
        report=ImportReport(),
        source="json",
        slug=slug,
        publish=publish,
    )


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


SETTING_KINDS: dict[str, tuple[type, ...]] = {
    name: (str,) for name in SETTING_NAMES if name not in {"estimated_minutes", "response_limit"}
} | {
    "estimated_minutes": (int, type(None)),
    "grace_period_hours": (int,),
    "response_limit": (int, type(None)),
    "allow_save_and_resume": (bool,),
    "show_check_answers": (bool,),
    "invitation_only": (bool,),
    "followup_enabled": (bool,),
}
NUMBER_LIMITS = {
    "estimated_minutes": 32767,
    "grace_period_hours": 32767,
    "response_limit": 2**31 - 1,
}
TEXT_LIMITS = {
    "title": _max_length(Survey, "title"),
    "organisation": _max_length(Survey, "organisation"),
}
QUESTION_KEYS: dict[str, tuple[type, ...]] = {
    "code": (str,),
    "type": (str,),
    "label": (str,),
    "hint": (str,),
    "required": (bool,),
    "relevant": (str,),
    "config": (dict,),
    "choices": (list,),
}
CHOICE_KEYS: dict[str, tuple[type, ...]] = {
    "value": (str,),
    "label": (str,),
    "exclusive": (bool,),
    "other": (bool,),
}
OPTIONAL_CHOICE_KEYS: dict[str, tuple[type, ...]] = {"non_substantive": (bool,)}
PAGE_KEYS: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "intro": (str,),
    "relevant": (str,),
    "questions": (list,),
}
LENGTHS = {
    "page.title": _max_length(Page, "title"),
    "question.code": _max_length(Question, "code"),
    "choice.value": _max_length(Choice, "value"),
    "choice.label": _max_length(Choice, "label"),
}


class _ShapeChecker:
    """Checks a parsed document key by key, collecting every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[ImportMessage] = []

    def problem(self, path: str, text: str) -> None:
        self.problems.append(ImportMessage(text=text, path=path))

    def instrument(self, document: Any) -> InstrumentFile:
        if not isinstance(document, dict):
            self.problem("", _("The file must hold one JSON object."))
            return {"settings": {}, "pages": []}  # type: ignore[typeddict-item]
        if document.get("format") != FORMAT_NAME:
            self.problem("format", _("This is not a Candour instrument file."))
        elif document.get("format_version") != FORMAT_VERSION:
            self.problem(
                "format_version",
                _("Format version %(found)r is not one this Candour reads (it reads %(ours)d).")
                % {"found": document.get("format_version"), "ours": FORMAT_VERSION},
            )
        self.keys("", document, {"format", "format_version", "settings", "pages"})
        settings = self.settings(document.get("settings"))
        pages = document.get("pages")
        if not isinstance(pages, list):
            self.problem("pages", _("Expected a list of pages."))
            pages = []
        for index, page in enumerate(pages):
            self.page(f"pages[{index}]", page)
        return {"settings": settings, "pages": pages}  # type: ignore[typeddict-item]

    def keys(self, path: str, value: dict, expected, optional=()) -> None:
        missing = sorted(set(expected) - set(value))
        unknown = sorted(set(value) - set(expected) - set(optional))
        prefix = f"{path}." if path else ""
        for name in missing:
            self.problem(f"{prefix}{name}", _("This is missing."))
        for name in unknown:
            self.problem(f"{prefix}{name}", _("This is not part of the format."))

    def typed(
        self,
        path: str,
        value: dict,
        kinds: dict[str, tuple[type, ...]],
        optional: dict[str, tuple[type, ...]] | None = None,
    ) -> bool:
        """Check keys and value types; True when the object can be read further."""
        optional = optional or {}
        if not isinstance(value, dict):
            self.problem(path, _("Expected an object."))
            return False
        self.keys(path, value, kinds, optional)
        fine = True
        for name, allowed in (kinds | optional).items():
            item = value.get(name)
            if name in value and not _is_instance(item, allowed):
                self.problem(
                    f"{path}.{name}",
                    _("Expected %(kind)s, not %(value)s.")
                    % {"kind": _kind_names(allowed), "value": json.dumps(item)[:40]},
                )
                fine = False
        return fine and set(kinds) <= set(value) <= set(kinds) | set(optional)

    def settings(self, value: Any) -> InstrumentSettings:
        if not self.typed("settings", value, SETTING_KINDS):
            return value if isinstance(value, dict) else {}  # type: ignore[return-value]
        for name, problem in setting_problems(value).items():
            self.problem(f"settings.{name}", problem)
        return value

    def page(self, path: str, page: Any) -> None:
        if not self.typed(path, page, PAGE_KEYS):
            return
        self.length(f"{path}.title", page["title"], LENGTHS["page.title"])
        for index, question in enumerate(page["questions"]):
            self.question(f"{path}.questions[{index}]", question)

    def question(self, path: str, question: Any) -> None:
        if not self.typed(path, question, QUESTION_KEYS):
            return
        known = {kind.key for kind in question_types()}
        if question["type"] not in known:
            self.problem(
                f"{path}.type",
                _("‘%(type)s’ is not a question type (known types: %(known)s).")
                % {"type": question["type"], "known": ", ".join(sorted(known))},
            )
        self.length(f"{path}.code", question["code"], LENGTHS["question.code"])
        for index, choice in enumerate(question["choices"]):
            choice_path = f"{path}.choices[{index}]"
            if self.typed(choice_path, choice, CHOICE_KEYS, OPTIONAL_CHOICE_KEYS):
                self.length(f"{choice_path}.value", choice["value"], LENGTHS["choice.value"])
                self.length(f"{choice_path}.label", choice["label"], LENGTHS["choice.label"])

    def length(self, path: str, text: str, limit: int) -> None:
        if len(text) > limit:
            self.problem(
                path,
                _("This is %(length)d characters long; the limit is %(limit)d.")
                % {"length": len(text), "limit": limit},
            )


def setting_problems(settings: dict[str, Any]) -> dict[str, str]:
    """What is wrong with each setting given (unknown names included), by name."""
    problems = {}
    for name, value in settings.items():
        if name not in SETTING_KINDS:
            problems[name] = _("This is not a survey setting.")
        elif not _is_instance(value, SETTING_KINDS[name]):
            problems[name] = _("Expected %(kind)s, not %(value)s.") % {
                "kind": _kind_names(SETTING_KINDS[name]),
                "value": json.dumps(value)[:40],
            }
        elif name in TEXT_LIMITS and len(value) > TEXT_LIMITS[name]:
            problems[name] = _("This is %(length)d characters long; the limit is %(limit)d.") % {
                "length": len(value),
                "limit": TEXT_LIMITS[name],
            }
        elif name in NUMBER_LIMITS and value is not None and not 0 <= value <= NUMBER_LIMITS[name]:
            problems[name] = _("Expected a whole number from 0 to %(top)d.") % {
                "top": NUMBER_LIMITS[name]
            }
        elif name == "submit_time_precision" and value not in Survey.TimePrecision.values:
            problems[name] = _("Expected one of %(values)s.") % {
                "values": ", ".join(Survey.TimePrecision.values)
            }
        elif name == "title" and not value.strip():
            problems[name] = _("The survey needs a title.")
    return problems


def setting_defaults() -> InstrumentSettings:
    """A new survey's settings, as the model's defaults give them (with an empty title)."""
    defaults = {}
    for name in SETTING_NAMES:
        default = Survey._meta.get_field(name).get_default()
        defaults[name] = str(default) if isinstance(default, str) else default
    return defaults  # type: ignore[return-value]


def _nul_paths(value: Any, path: str) -> list[str]:
    """Where the document holds a NUL character, which PostgreSQL cannot store."""
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _nul_paths(item, f"{path}[{i}]")]
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            found.extend([where] if "\x00" in str(key) else _nul_paths(item, where))
        return found
    return []


def _is_instance(value: Any, allowed: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in allowed:
        return False  # JSON true is not a number
    return isinstance(value, allowed)


def _kind_names(allowed: tuple[type, ...]) -> str:
    names = {
        str: _("text"),
        int: _("a whole number"),
        bool: _("true or false"),
        dict: _("an object"),
        list: _("a list"),
        type(None): "null",
    }
    return _(" or ").join(names[kind] for kind in allowed)
