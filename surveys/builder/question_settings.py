"""Every setting of every question type, as the builder offers them.

Each type's `config` is documented in its module in surveys.question_types; this table says how
the builder asks for each key. A `Setting` is one key of `Question.config`: its kind decides the
form field (text, a whole number, a number, a date or "today", or the rows of a matrix, one
"code | label" per line). A type missing here has no settings beyond the common ones. When a type
gains a config key, add it here and the builder's form offers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SettingKind = Literal["text", "integer", "number", "date", "rows"]


@dataclass(frozen=True)
class Setting:
    key: str
    label: str | Promise
    kind: SettingKind
    hint: str | Promise = ""
    minimum: int | None = None
    maximum: int | None = None


SHORT_LABEL = Setting(
    "short_label",
    _("Short name of the question"),
    "text",
    _("Used on the check-your-answers page and in the dashboard when the question is long."),
)
ERROR_MESSAGE = Setting(
    "error_message",
    _("Error message when it is not answered"),
    "text",
    _(
        "Optional, for a required question. Short and specific, in GOV.UK style: Select your "
        "role, or Enter how many years you have worked in your current role."
    ),
)
_MIN_NUMBER = Setting("min", _("Lowest answer allowed"), "number")
_MAX_NUMBER = Setting("max", _("Highest answer allowed"), "number")
_UNIT = Setting("unit", _("Unit shown after the box"), "text", _("For example, years or hours"))

TYPE_SETTINGS: dict[str, tuple[Setting, ...]] = {
    "integer": (_MIN_NUMBER, _MAX_NUMBER, _UNIT),
    "decimal": (
        _MIN_NUMBER,
        _MAX_NUMBER,
        _UNIT,
        Setting(
            "decimal_places", _("Decimal places allowed"), "integer", _("0 to 6; 2 if left empty"),
            minimum=0, maximum=6,
        ),
    ),
    "short_text": (
        Setting("max_length", _("Longest answer, in characters"), "integer",
                _("1 to 500; 200 if left empty"), minimum=1, maximum=500),
    ),
    "long_text": (
        Setting("max_length", _("Longest answer, in characters"), "integer",
                _("1 to 10,000; 3,000 if left empty"), minimum=1, maximum=10000),
    ),
    "date": (
        Setting("min", _("Earliest date allowed"), "date",
                _("As 2024-01-31, or the word today")),
        Setting("max", _("Latest date allowed"), "date", _("As 2024-01-31, or the word today")),
    ),
    "multiple_choice": (
        Setting("min_selections", _("Fewest options a respondent must select"), "integer",
                minimum=0),
        Setting("max_selections", _("Most options a respondent may select"), "integer",
                minimum=1),
    ),
    "scale_0_10": (
        Setting("min_label", _("Label of 0"), "text", _("For example, Not at all likely")),
        Setting("max_label", _("Label of 10"), "text", _("For example, Extremely likely")),
    ),
    "consent": (
        Setting("agree_label", _("Label of the checkbox"), "text", _("I agree if left empty")),
    ),
    "matrix": (
        Setting("rows", _("Statements (rows)"), "rows",
                _("One a line, as code | statement, for example: recognise | I can recognise "
                  "the signs of exploitation")),
    ),
}  # fmt: skip


def settings_for(type_key: str) -> tuple[Setting, ...]:
    """The settings the builder offers for a type: the short name and the error message first
    (types with answers)."""
    from surveys.question_types import get_question_type

    own = TYPE_SETTINGS.get(type_key, ())
    if not get_question_type(type_key).has_answer:
        return own
    return (SHORT_LABEL, ERROR_MESSAGE, *own)


def config_for_type(config: dict, type_key: str) -> dict:
    """The part of a config that a type uses (what survives a change of type)."""
    keys = {setting.key for setting in settings_for(type_key)}
    return {key: value for key, value in config.items() if key in keys}


# A new rating scale or matrix starts with the scale most studies use; researchers edit it.
DEFAULT_AGREEMENT_SCALE = (
    ("1", _("Strongly disagree")),
    ("2", _("Disagree")),
    ("3", _("Neither agree nor disagree")),
    ("4", _("Agree")),
    ("5", _("Strongly agree")),
)
