"""The registry of question types. Each type is one module in this package; see `base`."""

from __future__ import annotations

from surveys.question_types.base import (
    AnswerInvalid,
    Answers,
    ExportColumn,
    FieldError,
    QuestionType,
    field_name,
)

_REGISTRY: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    if cls.key in _REGISTRY:
        raise ValueError(f"Question type {cls.key!r} is registered twice")
    _REGISTRY[cls.key] = cls()
    return cls


def get_question_type(key: str) -> QuestionType:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"Unknown question type {key!r}") from None


def question_types() -> list[QuestionType]:
    return list(_REGISTRY.values())


def question_type_choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.name) for kind in _REGISTRY.values()]


# Importing the modules registers the types, in the order researchers see them.
from surveys.question_types import (  # noqa: E402, F401
    consent,
    date,
    decimal,
    dropdown,
    info,
    integer,
    likert,
    long_text,
    matrix,
    multiple_choice,
    ranking,
    scale,
    short_text,
    single_choice,
    yes_no,
)

__all__ = [
    "AnswerInvalid",
    "Answers",
    "ExportColumn",
    "FieldError",
    "QuestionType",
    "field_name",
    "get_question_type",
    "question_type_choices",
    "question_types",
    "register",
]
