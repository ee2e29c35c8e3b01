"""A crispy-forms layout object that renders one question with its type's template."""

from __future__ import annotations

from crispy_forms.layout import LayoutObject
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from surveys.logic import QuestionText, describe, referenced_codes
from surveys.logic.ast import BinOp, Call, Ref, String
from surveys.question_types import field_name
from surveys.schema import QuestionSpec


def same_page_condition(question: QuestionSpec, page_codes: set[str]) -> bool:
    """True when the question's condition depends on answers given on its own page."""
    return question.relevant_ast is not None and bool(
        referenced_codes(question.relevant_ast) & page_codes
    )


def question_texts(instrument) -> dict[str, QuestionText]:
    """What the describer needs to put a condition into words, for every question."""
    return {
        q.code: QuestionText(
            label=q.short_label, choice_labels={c.value: c.label for c in q.kind.options(q)}
        )
        for q in instrument.questions()
    }


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


class QuestionBlock(LayoutObject):
    def __init__(self, question: QuestionSpec):
        self.question = question
        self.fields = [field_name(question, s) for s in question.kind.fields(question)]

    def render(self, form, context, template_pack=None, **kwargs):
        question = self.question
        kind = question.kind
        bound = {suffix: form[field_name(question, suffix)] for suffix in kind.fields(question)}
        errors = {suffix: list(field.errors) for suffix, field in bound.items() if field.errors}
        page_codes = {q.code for q in form.page.questions}
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
        block_context = {
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
            "applies_when": applies_when_text(question, form.question_texts) if conditional else "",
            "optional": kind.has_answer and not kind.is_required(question),
            **kind.template_context(question, bound),
        }
        return render_to_string(f"surveys/questions/{kind.template_name}.html", block_context)
