"""The contract every question type fulfils. Read this before adding a type.

A question type is one module in this package defining a subclass of `QuestionType` and
registering it with `@register`. It knows how to:

- check its configuration when a survey is published (`config_errors`);
- build the Django form fields a page needs for it (`fields`) and fill them from stored answers
  (`initial`); field names are the question code, or the code plus a `-suffix` (codes never
  contain hyphens, so names cannot collide);
- turn submitted values into stored answers (`to_answers`), raising `AnswerInvalid` with a clear
  message per field; answers are keyed by the question code, plus `<code>.other` for "Other
  (please specify)" text (codes never contain dots);
- show an answer on the check-your-answers page (`display`);
- lay itself out in exports: its columns (`export_columns`) and how to read their values from
  one response's answers (`export_reader`: made once per question, it returns a function from
  answers to a tuple with one value per column, in the same order, `None` where the respondent
  gave none). The export pipeline tells "not asked" from "not answered" itself, from the skip
  logic. Values are codes as stored (option values, numbers, ISO dates, text); writers turn them
  into labels or SPSS/Stata codes. Do the per-question work (option lists, keys) when making the
  function, not in it: it runs once per response and question; a type whose one column is the
  stored answer returns `StoredAnswer(code)`. `export_values` is the same for a single response;
- say what a condition may do with it (`logic_kind`: choice, multi, number, text, date or
  unsupported);
- make a plausible answer for synthetic demo data (`sample_answers`);
- say what a required question left unanswered says (`default_required_message`), in GOV.UK
  style: "Select an answer", "Enter a number". A question's config `error_message` replaces it.
  Messages never quote the question: they sit beside it, and the error summary links to it.

Rendering uses the template `responses/questions/<template_name>.html`, which receives
`question`, `fields` (bound fields by suffix, "" being the main one), `errors` (messages by suffix),
`describedby` and `applies_when`. Every type must render GOV.UK Design System markup: a fieldset and
legend for a group of inputs, hints and errors tied to inputs with aria-describedby.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from surveys.schema import QuestionSpec

Answers = dict[str, Any]
CHOICE_VALUE = re.compile(r"^[A-Za-z0-9_]{1,64}$")


@dataclass(frozen=True)
class FieldError:
    suffix: str  # "" for the main field, else the field-name suffix ("other", "day", a row code…)
    message: str


class AnswerInvalid(Exception):
    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class ExportColumn:
    """One column of the wide export layout."""

    name: str
    label: str
    kind: str  # "numeric" | "string" | "date"
    measure: str  # "nominal" | "ordinal" | "scale"
    value_labels: dict[Any, str] = field(default_factory=dict)
    free_text: bool = False  # typed by the respondent: exports redact PII in it
    minimum: float | None = None  # the smallest value it can hold, when the type knows it


class StoredAnswer:
    """The export reader of a question whose one column is its stored answer, unchanged.

    Types return `StoredAnswer(question.code)` from `export_reader` rather than a function of
    their own: the export pipeline recognises it and reads the answer directly, which matters
    when a survey has a hundred thousand responses and most questions are this simple.
    """

    __slots__ = ("code",)

    def __init__(self, code: str):
        self.code = code

    def __call__(self, answers: Answers) -> tuple:
        return (answers.get(self.code),)


class QuestionType:
    key: ClassVar[str]
    name: ClassVar[str]
    template_name: ClassVar[str]
    logic_kind: ClassVar[str] = "unsupported"
    has_answer: ClassVar[bool] = True
    uses_choices: ClassVar[bool] = False
    is_group: ClassVar[bool] = True  # rendered in a fieldset (else a single labelled control)
    errors_shown_together: ClassVar[bool] = False  # all field errors in one message (dates)

    # --- publishing ---------------------------------------------------------------------------

    def config_errors(self, question: QuestionSpec) -> list[str]:
        """Problems with the question's configuration, each a sentence for the researcher."""
        errors = []
        if self.uses_choices:
            errors.extend(choice_errors(question))
        elif question.choices:
            errors.append(_("This type of question has no options."))
        return errors

    def is_required(self, question: QuestionSpec) -> bool:
        """Whether the respondent must answer before going on (when the question applies)."""
        return question.required and self.has_answer

    def options(self, question: QuestionSpec) -> tuple:
        """The options a respondent chooses from (ChoiceSpecs): the question's own by default."""
        return question.choices

    # --- the form -----------------------------------------------------------------------------

    def fields(self, question: QuestionSpec) -> dict[str, forms.Field]:
        """Form fields by suffix ("" is the main field, named after the code)."""
        return {}

    def initial(self, question: QuestionSpec, answers: Answers) -> dict[str, Any]:
        """Initial field values by suffix, from stored answers."""
        value = answers.get(question.code)
        return {} if value is None else {"": value}

    def to_answers(
        self, question: QuestionSpec, cleaned: dict[str, Any], *, enforce_required: bool
    ) -> Answers:
        """Stored answers from cleaned field values by suffix; {} when nothing was answered."""
        raise NotImplementedError

    def answer_keys(self, question: QuestionSpec) -> set[str]:
        """Every key this question may write into a response's answers."""
        keys = {question.code}
        if question.other_choice is not None:
            keys.add(f"{question.code}.other")
        return keys if self.has_answer else set()

    def anchor_suffix(self, question: QuestionSpec) -> str:
        """The suffix of the field whose first input an error-summary link should focus."""
        return ""

    def input_id(self, question: QuestionSpec, suffix: str = "") -> str:
        """The id of the first focusable input for a field (used by error-summary links)."""
        name = field_name(question, suffix)
        return f"id_{name}"

    def extra_hint(self, question: QuestionSpec) -> str:
        """Standard guidance shown after the researcher's hint (e.g. "Select all that apply")."""
        return ""

    def template_context(self, question: QuestionSpec, bound: dict[str, Any]) -> dict[str, Any]:
        """Extra template context (e.g. options with their checked state) from bound fields."""
        return {}

    def breaking_changes(self, old: QuestionSpec, new: QuestionSpec) -> list[str]:
        """What a new version of the question takes away from answers given to the old one."""
        removed = {c.value for c in self.options(old)} - {c.value for c in self.options(new)}
        if not removed:
            return []
        return [
            _("${%(code)s} loses options %(values)s that existing answers may use.")
            % {"code": new.code, "values": ", ".join(sorted(removed))}
        ]

    # --- showing and exporting ----------------------------------------------------------------

    def display(self, question: QuestionSpec, answers: Answers) -> str:
        value = answers.get(question.code)
        return "" if value is None else str(value)

    def export_columns(self, question: QuestionSpec) -> list[ExportColumn]:
        return []

    def export_reader(self, question: QuestionSpec) -> Callable[[Answers], tuple]:
        """A function giving, from one response's answers, the value of each export column."""
        return lambda answers: ()

    def export_values(self, question: QuestionSpec, answers: Answers) -> tuple:
        """The value of each of `export_columns`, in order, for one response's answers."""
        return self.export_reader(question)(answers)

    def sample_answers(self, question: QuestionSpec, rng: random.Random) -> Answers:
        return {}

    # --- helpers for subclasses ---------------------------------------------------------------

    def required_error(self, question: QuestionSpec) -> AnswerInvalid:
        return AnswerInvalid([FieldError("", self.required_message(question))])

    def required_message(self, question: QuestionSpec) -> str:
        """What a required question left unanswered says: the researcher's own message
        (config `error_message`, like "Select your role"), else the type's."""
        return custom_message(question) or self.default_required_message(question)

    def default_required_message(self, question: QuestionSpec) -> str:
        """The type's message for a required question left unanswered, in GOV.UK style: a
        short instruction ("Select an answer", "Enter a number"), never a copy of the question
        (the message sits beside the question, and the error summary links to it)."""
        return _("Answer this question")


def custom_message(question: QuestionSpec) -> str:
    """The researcher's error message for the question, if they wrote one."""
    message = question.config.get("error_message")
    return message.strip() if isinstance(message, str) else ""


def unquoted(label: str) -> str:
    """An option's or statement's label without quotation marks round it, to quote it once."""
    return label.strip().strip("‘’'\"“”")


def field_name(question: QuestionSpec, suffix: str = "") -> str:
    return question.code if not suffix else f"{question.code}-{suffix}"


def choice_errors(question: QuestionSpec) -> list[str]:
    errors = []
    if not question.choices:
        errors.append(_("Add at least one option."))
    values = [choice.value for choice in question.choices]
    duplicates = sorted({value for value in values if values.count(value) > 1})
    if duplicates:
        errors.append(
            _("Option values must be unique: %(values)s.") % {"values": ", ".join(duplicates)}
        )
    for choice in question.choices:
        if not CHOICE_VALUE.match(choice.value):
            errors.append(
                _("Option value ‘%(value)s’ must be 1–64 letters, digits or underscores.")
                % {"value": choice.value}
            )
        if not choice.label.strip():
            errors.append(_("Option ‘%(value)s’ needs a label.") % {"value": choice.value})
    if sum(choice.other for choice in question.choices) > 1:
        errors.append(_("Only one option can ask the respondent to specify (Other)."))
    return errors


class AnswerTextField(forms.CharField):
    """Text as the respondent sees it: browsers send a line break as CR LF, which would count
    as two characters against the limit the character count shows as one."""

    def to_python(self, value):
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")


def text_field(max_length: int, too_long_message: str) -> forms.CharField:
    """A text field that strips whitespace and rejects NUL characters (Django's default)."""
    return AnswerTextField(
        required=False,
        max_length=max_length,
        strip=True,
        error_messages={"max_length": too_long_message},
    )
