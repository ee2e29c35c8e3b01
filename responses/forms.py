"""Forms of the respondent journey. PageForm is built from a published page's questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crispy_forms.layout import Layout
from crispy_forms_gds.helper import FormHelper as GdsFormHelper
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy

from responses.layout import question_texts, render_question_blocks
from surveys.logic import referenced_codes
from surveys.question_types import AnswerInvalid, field_name
from surveys.relevance import condition_holds, prune
from surveys.schema import Instrument, PageSpec, QuestionSpec

CONTROL_FIELDS = {"action", "token", "shown", "change"}


class PageForm(forms.Form):
    """One page of questions. Validation applies the page's skip logic as it goes: a question
    that does not apply (given earlier answers, on this page or before) is neither validated
    nor stored."""

    def __init__(self, *, instrument: Instrument, page: PageSpec, answers: dict, data=None):
        super().__init__(data=data)
        self.instrument = instrument
        self.page = page
        self.saved_answers = answers
        self.answers: dict[str, Any] = {}
        self.enforce_required = True
        self.earlier = earlier_answers(instrument, page, answers)
        self.questions = shown_questions(page, self.earlier)
        # Each question's fields are made once per published version (question_fields) and
        # shared by every request: a field is configuration, never written to while a form
        # validates or renders; what is the respondent's own (the stored answers shown again)
        # goes in the form's `initial`, not on the field.
        self.suffixes: dict[str, tuple[str, ...]] = {}
        named_fields = page_named_fields(page)
        for question in self.questions:
            named = named_fields[question.code]
            self.suffixes[question.code] = tuple(suffix for suffix, _, _ in named)
            if not self.is_bound:  # a posted form shows what was posted, never `initial`
                for suffix, value in question.kind.initial(question, answers).items():
                    self.initial[field_name(question, suffix)] = value
            for _, name, field in named:
                self.fields[name] = field

    def render_questions(self):
        """The page's questions as HTML (responses.layout)."""
        return render_question_blocks(self)

    @property
    def question_texts(self):
        return question_texts(self.instrument)

    def field_names(self) -> frozenset[str]:
        """Every field name of the page's questions, shown or not (a stale page may send them)."""
        return page_field_names(self.page)

    def validate(self, *, enforce_required: bool) -> bool:
        self.enforce_required = enforce_required
        return self.is_valid()

    def full_clean(self):
        """Validation is `page_answers_clean`, the one check of a page that the API runs too:
        the questions that apply are cleaned by their fields and their type, in page order with
        the skip logic applied as it goes; a question that does not apply is not checked at all
        (Django's own full_clean would clean every field first and then drop the errors)."""
        self._errors = ErrorDict(renderer=self.renderer)
        self.cleaned_data = {}
        self.answers = {}
        if not self.is_bound:
            return
        checked = page_answers_clean(
            self.page, self.earlier, self.data, enforce_required=self.enforce_required
        )
        self.answers = checked.answers
        for name, messages in checked.errors.items():
            self._errors[name] = self.error_class(messages, renderer=self.renderer)

    def error_links(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary, in page order."""
        links = []
        for question in self.questions:
            for suffix in self.suffixes[question.code]:
                for message in self.errors.get(field_name(question, suffix), []):
                    links.append((question.kind.input_id(question, suffix), message))
        return links

    def questions_with_errors(self) -> list[QuestionSpec]:
        return [
            q
            for q in self.questions
            if any(field_name(q, s) in self.errors for s in self.suffixes[q.code])
        ]


def question_fields(question: QuestionSpec) -> dict[str, forms.Field]:
    """The question's form fields by suffix, made once per question of a published version
    (and language) and shared: making them (choices normalised, messages translated) cost more
    than validating them, on every page of every request."""
    language = translation.get_language()
    made = question.__dict__.setdefault("_fields_by_language", {})
    fields = made.get(language)
    if fields is None:
        fields = made[language] = question.kind.fields(question)
    return fields


def page_field_names(page: PageSpec) -> frozenset[str]:
    """Every field name of the page's questions (kept on the page, which never changes)."""
    names = page.__dict__.get("_field_names")
    if names is None:
        names = frozenset(
            name for named in page_named_fields(page).values() for _, name, _ in named
        )
        page.__dict__["_field_names"] = names
    return names


# A question's fields as (suffix, field name, field), in the order the form has them.
NamedFields = tuple[tuple[str, str, forms.Field], ...]


def page_named_fields(page: PageSpec) -> dict[str, NamedFields]:
    """Each of the page's questions' fields with their names, by question code: what
    `question_fields` gives, looked up once per page and language instead of once per question
    (the language lookup and the names cost more than cleaning a whole page does)."""
    language = translation.get_language()
    made = page.__dict__.setdefault("_named_fields_by_language", {})
    named = made.get(language)
    if named is None:
        named = made[language] = {
            question.code: tuple(
                (suffix, field_name(question, suffix), field)
                for suffix, field in question_fields(question).items()
            )
            for question in page.questions
        }
    return named


def earlier_answers(instrument: Instrument, page: PageSpec, answers: dict) -> dict:
    """The answers that apply from before this page (this page's own are being replaced)."""
    page_keys = {key for q in page.questions for key in q.kind.answer_keys(q)}
    return prune(instrument, {k: v for k, v in answers.items() if k not in page_keys})


def shown_questions(page: PageSpec, earlier: dict) -> list[QuestionSpec]:
    """The page's questions a respondent sees: all but those that the answers from before the
    page (`earlier_answers`) rule out. A question whose condition looks at this page's answers
    is shown (the page's script hides it, or without JavaScript a hint says when to answer it)."""
    page_codes = {question.code for question in page.questions}
    return [
        question
        for question in page.questions
        if question.relevant_ast is None
        or referenced_codes(question.relevant_ast) & page_codes
        or condition_holds(question.relevant_ast, earlier)
    ]


@dataclass(frozen=True)
class PageAnswers:
    """What validating one page's posted values decides: the answers to store (of the questions
    that apply) and the messages by field name, in page order (`page_answers_clean`)."""

    answers: dict[str, Any]
    errors: dict[str, list[str]]


def page_answers_clean(
    page: PageSpec, earlier: dict, data: MultiValueDict, *, enforce_required: bool
) -> PageAnswers:
    """The check of one page's posted values, for the web journey (`PageForm.validate` runs it)
    and the API (`responses.submission`, every page of a whole response) alike: the answers to
    keep and the messages by field name, in page order. The shown questions, the shared field
    objects (each value read from the posted data by its widget and cleaned by its field), the
    skip logic applied as it goes, and each question type's `to_answers`. A question that does
    not apply is not checked at all. `earlier` is what `earlier_answers` gives for the page.
    """
    files = MultiValueDict()
    named_fields = page_named_fields(page)
    working = dict(earlier)
    answers: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for question in shown_questions(page, earlier):
        if not condition_holds(question.relevant_ast, working):
            continue
        fields = named_fields[question.code]
        cleaned: dict[str, Any] = {}
        failed: dict[str, list[str]] = {}
        for suffix, name, field in fields:
            try:
                cleaned[suffix] = field.clean(field.widget.value_from_datadict(data, files, name))
            except ValidationError as error:
                failed[name] = error.messages
        if failed:
            errors |= failed
            continue
        try:
            stored = question.kind.to_answers(question, cleaned, enforce_required=enforce_required)
        except AnswerInvalid as invalid:
            errors |= _answer_errors(question, fields, invalid)
            continue
        working |= stored
        answers |= stored
    return PageAnswers(answers, errors)


def _answer_errors(question: QuestionSpec, fields: NamedFields, invalid: AnswerInvalid) -> dict:
    """A question type's messages by field name, in field order (as a form's errors are read)."""
    by_suffix: dict[str, list[str]] = {}
    for error in invalid.errors:
        by_suffix.setdefault(error.suffix, []).append(str(error.message))
    ordered = [(suffix, name) for suffix, name, _ in fields if suffix in by_suffix]
    known = {suffix for suffix, _, _ in fields}
    ordered += [(s, field_name(question, s)) for s in by_suffix if s not in known]
    return {name: by_suffix[suffix] for suffix, name in ordered}


class ErrorLinksMixin:
    def error_links(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary, in field order."""
        return [
            (field.auto_id, message) for field in self if field.errors for message in field.errors
        ]


class CodeForm(ErrorLinksMixin, forms.Form):
    """A form with one code box (resume code, receipt, invitation), in GOV.UK style."""

    code = forms.CharField(max_length=40, strip=True)
    label_text = ""
    hint_text = ""
    required_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = self.label_text
        field.help_text = self.hint_text
        field.error_messages["required"] = self.required_message
        field.error_messages["max_length"] = self.required_message
        self.helper = GdsFormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text(
                "code",
                label_size=Size.SMALL,
                field_width=10,
                autocomplete="off",
                spellcheck="false",
            )
        )


class ResumeForm(CodeForm):
    label_text = gettext_lazy("Your resume code")
    hint_text = gettext_lazy("It is 12 letters and numbers, like 7KQF-M2XT-P4DA")
    required_message = gettext_lazy("Enter the resume code you were given")


class WithdrawForm(CodeForm):
    label_text = gettext_lazy("Your receipt code")
    hint_text = gettext_lazy(
        "You were given it when you submitted your answers, like 7KQF-M2XT-P4DA"
    )
    required_message = gettext_lazy("Enter the receipt code you were given")


class InvitationForm(CodeForm):
    label_text = gettext_lazy("Your invitation code")
    hint_text = gettext_lazy("It is in the invitation you received, like 7KQF-M2XT-P4DA")
    required_message = gettext_lazy("Enter the invitation code you received")


class FollowUpForm(ErrorLinksMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name (optional)"), max_length=200, required=False, strip=True
    )
    contact = forms.CharField(
        label=gettext_lazy("Email address or phone number"),
        help_text=gettext_lazy(
            "The research team will use this only to invite you to an interview."
        ),
        max_length=254,
        strip=True,
        error_messages={
            "required": gettext_lazy("Enter an email address or phone number"),
            "max_length": gettext_lazy(
                "Enter an email address or phone number of 254 characters or fewer"
            ),
        },
    )
    note = forms.CharField(
        label=gettext_lazy(
            "Anything the team should know, like the best time to contact you (optional)"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        strip=True,
        error_messages={"max_length": gettext_lazy("Keep this to 2000 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = GdsFormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("name", label_size=Size.SMALL, autocomplete="off"),
            Field.text("contact", label_size=Size.SMALL, autocomplete="off"),
            Field.textarea("note", label_size=Size.SMALL),
        )


def unknown_field_names(form: PageForm, data) -> set[str]:
    """Posted names that are neither this page's fields nor the journey's own controls."""
    return set(data) - form.field_names() - CONTROL_FIELDS
