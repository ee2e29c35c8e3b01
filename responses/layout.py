"""How a page's questions become HTML: each with its type's template, in GOV.UK markup.

A page renders its questions itself, without crispy-forms' layout machinery (it cost a template
lookup, a fresh context and a fresh set of include lookups per question). All the questions of
a page share one render context, so each `{% include %}` in the question templates is looked
up once per page rather than once per question.

A question as first shown (the form not posted, no answer in it yet) looks the same to every
respondent of a version on a given day, so its HTML is kept per loaded instrument (and so per
version and process: the instrument is cached per version) and reused. Nothing a respondent
typed is ever kept: a question holding an answer, or shown again after a post, is rendered
afresh. The day is part of the key because a date question's limits can be "today".
"""

from __future__ import annotations

import threading
import weakref

from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from surveys.logic import QuestionText, describe, referenced_codes
from surveys.logic.ast import BinOp, Call, Ref, String
from surveys.question_types import field_name
from surveys.schema import Instrument, QuestionSpec

_texts: weakref.WeakKeyDictionary[Instrument, dict] = weakref.WeakKeyDictionary()
_first_views: weakref.WeakKeyDictionary[Instrument, dict] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
FIRST_VIEWS_PER_INSTRUMENT = 2048  # a bound only; a version has one entry per question per day


def same_page_condition(question: QuestionSpec, page_codes: set[str]) -> bool:
    """True when the question's condition depends on answers given on its own page."""
    return question.relevant_ast is not None and bool(
        referenced_codes(question.relevant_ast) & page_codes
    )


def question_texts(instrument: Instrument) -> dict[str, QuestionText]:
    """What the describer needs to put a condition into words, for every question.

    Made once per loaded instrument and language (instruments are cached per version).
    """
    language = translation.get_language()
    texts = _texts.get(instrument, {}).get(language)
    if texts is None:
        texts = {
            q.code: QuestionText(
                label=q.short_label, choice_labels={c.value: c.label for c in q.kind.options(q)}
            )
            for q in instrument.questions()
        }
        with _lock:
            _texts.setdefault(instrument, {})[language] = texts
    return texts


def applies_when_text(question: QuestionSpec, texts: dict[str, QuestionText]) -> str:
    """When to answer a same-page follow-up, shown only without JavaScript (with it, the page
    shows the question only when it applies). Short: "Only if you selected ‘Police’ above"."""
    options = _options_chosen_above(question.relevant_ast, texts)
    if options:
        quoted = _(" or ").join(f"‘{label}’" for label in options)
        return _("Only if you selected %(options)s above") % {"options": quoted}
    described = describe(question.relevant_ast, texts)
    if described:
        return _("Only if %(condition)s") % {"condition": described}
    return _("Only if it applies to you")


def _options_chosen_above(node, texts: dict[str, QuestionText]) -> list[str] | None:
    """The option labels of a condition that is one question having one of some options
    (`${q} = 'v'`, `selected(${q}, 'v')`, joined by `or`), or None for any other shape."""
    pairs = _choice_pairs(node)
    if not pairs or len({code for code, _value in pairs}) != 1 or pairs[0][0] not in texts:
        return None
    choice_labels = texts[pairs[0][0]].choice_labels
    labels = [choice_labels.get(value) for _code, value in pairs]
    return None if None in labels else labels


def _choice_pairs(node) -> list[tuple[str, str]] | None:
    if isinstance(node, BinOp) and node.op == "or":
        left, right = _choice_pairs(node.left), _choice_pairs(node.right)
        return left + right if left and right else None
    if isinstance(node, BinOp) and node.op == "=":
        sides = (node.left, node.right)
        ref = next((side for side in sides if isinstance(side, Ref)), None)
        text = next((side for side in sides if isinstance(side, String)), None)
        return [(ref.code, text.value)] if ref and text else None
    if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
        ref, text = node.args
        if isinstance(ref, Ref) and isinstance(text, String):
            return [(ref.code, text.value)]
    return None


def render_question_blocks(form) -> SafeString:
    """The HTML of every question the form shows, in order."""
    page_codes = {q.code for q in form.page.questions}
    shared = Context()  # one render context: each include is looked up once for the page
    # The language and the day are the same for every question of the page: asked once.
    language_and_day = (translation.get_language(), timezone.localdate())
    parts = []
    for question in form.questions:
        key = _first_view_key(form, question, language_and_day)
        html = _first_views.get(form.instrument, {}).get(key) if key else None
        if html is None:
            html = _render_block(form, question, page_codes, shared)
            if key:
                _remember_first_view(form.instrument, key, html)
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered, escaped template


def _first_view_key(form, question: QuestionSpec, language_and_day: tuple) -> tuple | None:
    """The key of the question's HTML as first shown, or None when it holds anything of the
    respondent's (an answer, a posted value, an error).

    An unbound form shows its `initial` (PageForm puts the stored answers there; the shared
    fields have none of their own), so that is what is checked, without making bound fields.
    """
    if form.is_bound:
        return None
    for suffix in form.suffixes[question.code]:
        if form.initial.get(field_name(question, suffix)) not in (None, "", [], ()):
            return None
    return (question.code, *language_and_day)


def _remember_first_view(instrument: Instrument, key: tuple, html: str) -> None:
    with _lock:
        kept = _first_views.setdefault(instrument, {})
        if len(kept) >= FIRST_VIEWS_PER_INSTRUMENT:
            kept.clear()  # yesterday's pages, mostly
        kept[key] = html


def _render_block(form, question: QuestionSpec, page_codes: set[str], shared: Context) -> str:
    template = get_template(f"surveys/questions/{question.kind.template_name}.html").template
    context = Context(question_block_context(form, question, page_codes))
    context.render_context = shared.render_context
    return template.render(context)


def question_block_context(form, question: QuestionSpec, page_codes: set[str]) -> dict:
    """What a question type's template receives (see surveys.question_types.base)."""
    kind = question.kind
    bound = {suffix: form[field_name(question, suffix)] for suffix in form.suffixes[question.code]}
    errors = {suffix: list(field.errors) for suffix, field in bound.items() if field.errors}
    conditional = same_page_condition(question, page_codes)
    ids = {
        "hint": f"{question.code}-hint",
        "applies": f"{question.code}-applies",
        "error": f"{question.code}-error",
    }
    all_errors = [message for messages in errors.values() for message in messages]
    main_errors = all_errors if kind.errors_shown_together else errors.get("", [])
    kind_hint = kind.extra_hint(question)
    describedby = []
    if question.hint or kind_hint:
        describedby.append(ids["hint"])
    if conditional:
        describedby.append(ids["applies"])
    if main_errors:
        describedby.append(ids["error"])
    return {
        "question": question,
        "kind": kind,
        "fields": bound,
        "field": bound.get(""),
        "errors": errors,
        "all_errors": all_errors,
        "main_errors": main_errors,
        "other_errors": errors.get("other", []),
        "kind_hint": kind_hint,
        "ids": ids,
        "describedby": " ".join(describedby),
        "conditional": conditional,
        "applies_when": (
            applies_when_text(question, question_texts(form.instrument)) if conditional else ""
        ),
        "optional": kind.has_answer and not kind.is_required(question),
        **kind.template_context(question, bound),
    }
