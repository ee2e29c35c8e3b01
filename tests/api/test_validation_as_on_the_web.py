"""One check of a page's posted values (responses.forms.page_answers_clean) serves the web
journey's PageForm and the API's whole responses, page by page. These tests hold it to what
Django's own form machinery decides with the page's skip logic applied afterwards (every field
cleaned, then the errors of questions that do not apply dropped: how PageForm validated before
it used the shared check), for valid, invalid and odd posts: the same answers kept, the same
messages on the same fields; and PageForm shows exactly what the check decided."""

from __future__ import annotations

import random

import pytest
from django import forms
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from bench.instruments import like_for_like_survey
from responses.forms import PageForm, earlier_answers, page_answers_clean, question_fields
from surveys.demo.instrument import demo_survey_create
from surveys.question_types import AnswerInvalid, field_name
from surveys.relevance import condition_holds
from surveys.schema import instrument_for_version
from surveys.services import survey_publish
from tests.exports.conftest import PAGES
from tests.support.surveys import published_survey

ODD_VALUES = ["", " ", "twelve", "-1", "61", "3.5", "1e3", "99999999999", "a" * 600, "2024", "13"]


def _every_type():
    return published_survey(pages=PAGES, slug="every-type", title="Every question type")


def _demo():
    survey = demo_survey_create(now=timezone.now())
    survey_publish(survey=survey)
    survey.refresh_from_db()
    return survey


@pytest.fixture(params=[_every_type, _demo, like_for_like_survey], ids=lambda f: f.__name__)
def instrument(request, db):
    return instrument_for_version(request.param().current_version)


def _post(page, rng: random.Random) -> MultiValueDict:
    """What a browser (or someone not using one) might post for the page: half the time its
    questions' own sample answers with some left out, else anything: valid choices, several
    values, nothing, blanks, words for numbers, numbers out of range, over-long text."""
    if rng.random() < 0.5:
        return _answered(page, rng, leave_out=0.2)
    data = MultiValueDict()
    for question in page.questions:
        for suffix, field in question_fields(question).items():
            name = field_name(question, suffix)
            choices = [str(value) for value, _ in getattr(field, "choices", [])]
            roll = rng.random()
            if roll < 0.15:
                continue
            if choices and roll < 0.75:
                data.setlist(name, rng.sample(choices, k=min(len(choices), rng.choice([1, 1, 2]))))
            elif roll < 0.55:
                data.setlist(name, [str(rng.randint(0, 40))])
            else:
                data.setlist(name, [rng.choice(ODD_VALUES)])
    return data


def _answered(page, rng: random.Random, *, leave_out: float = 0.0) -> MultiValueDict:
    """The form values of the page's questions' sample answers, as the page would post them."""
    data = MultiValueDict()
    for question in page.questions:
        if not question.kind.has_answer or rng.random() < leave_out:
            continue
        answers = question.kind.sample_answers(question, rng)
        for suffix, value in question.kind.initial(question, answers).items():
            values = value if isinstance(value, list | tuple) else [value]
            data.setlist(field_name(question, suffix), [str(v) for v in values])
    return data


class DjangoCleanedPage(PageForm):
    """The reference: Django's full_clean cleans every field, then `clean` walks the questions
    with the skip logic, dropping the errors of those that do not apply."""

    def full_clean(self):
        forms.Form.full_clean(self)

    def clean(self):
        working = dict(self.earlier)
        for question in self.questions:
            names = [field_name(question, s) for s in self.suffixes[question.code]]
            if not condition_holds(question.relevant_ast, working):
                for name in names:
                    self._errors.pop(name, None)
                continue
            if any(name in self._errors for name in names):
                continue
            cleaned = {
                s: self.cleaned_data.get(field_name(question, s))
                for s in self.suffixes[question.code]
            }
            try:
                stored = question.kind.to_answers(question, cleaned, enforce_required=True)
            except AnswerInvalid as invalid:
                for error in invalid.errors:
                    self.add_error(field_name(question, error.suffix), error.message)
                continue
            working |= stored
            self.answers |= stored
        return self.cleaned_data


def _decided(form_class, instrument, page, working, data):
    form = form_class(instrument=instrument, page=page, answers=working, data=data)
    form.validate(enforce_required=True)
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    return form.answers, errors


def _as_the_form_decides(instrument, page, working, data):
    return _decided(DjangoCleanedPage, instrument, page, working, data)


def test_each_page_is_decided_exactly_as_its_page_form_decides(instrument):
    rng = random.Random(11)
    pages_checked = with_errors = 0
    for _ in range(40):
        working: dict = {}
        for page in instrument.pages:
            if not condition_holds(page.relevant_ast, working):
                continue
            data = _post(page, rng)
            expected = _as_the_form_decides(instrument, page, working, data)
            earlier = earlier_answers(instrument, page, working)
            assert earlier == working  # what answers_validate relies on to pass `working`

            checked = page_answers_clean(page, earlier, data, enforce_required=True)

            assert (checked.answers, checked.errors) == expected
            assert _decided(PageForm, instrument, page, working, data) == expected
            pages_checked += 1
            with_errors += bool(expected[1])
            working |= checked.answers
    assert pages_checked > 40 and 0 < with_errors < pages_checked  # both kinds were tried


def test_a_page_answered_in_full_is_kept_as_the_form_keeps_it(instrument):
    rng = random.Random(3)
    working: dict = {}
    for page in instrument.pages:
        if not condition_holds(page.relevant_ast, working):
            continue
        data = _answered(page, rng)
        expected = _as_the_form_decides(instrument, page, working, data)

        checked = page_answers_clean(page, dict(working), data, enforce_required=True)

        assert (checked.answers, checked.errors) == expected
        working |= checked.answers
    assert working
