"""A "show if" is checked when it is saved, with the messages publishing gives, and put in words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from surveys.models import Page, Question
from surveys.schema import schema_from_drafts
from surveys.validation import schema_problems

pytestmark = pytest.mark.django_db


def publish_messages(survey) -> list[str]:
    return [str(problem) for problem in schema_problems(schema_from_drafts(survey))]


def edit_question(client, survey, question, **changes):
    data = {
        "code": question.code,
        "label": question.label,
        "hint": question.hint,
        "page": question.page_id,
        "relevant": question.relevant,
        "type": question.type,
    } | changes
    return client.post(reverse("workspace:question_edit", args=[survey.slug, question.pk]), data)


@pytest.mark.parametrize(
    "condition",
    [
        "${tactics} = 'x'",  # a later question
        "${nowhere} = 1",  # no such question
        "${years} = 'many'",  # a number compared with text
        "${years} >",  # does not parse
    ],
)
def test_a_question_condition_gets_the_message_publishing_would_give(team, signed_in, condition):
    survey = team.survey
    question = Question.objects.get(code="years", page__survey=team.survey)
    Question.objects.filter(pk=question.pk).update(relevant=condition)
    expected = [m.split(": ", 1)[1] for m in publish_messages(survey) if "${years}" in m]
    Question.objects.filter(pk=question.pk).update(relevant="")
    assert expected

    response = edit_question(signed_in("editor"), survey, question, relevant=condition)

    page = response.content.decode()
    assert response.status_code == 200
    for message in expected:
        assert f"Show if: {message}".replace("'", "&#x27;") in page
    question.refresh_from_db()
    assert question.relevant == ""


def test_a_sound_condition_is_saved_and_said_in_words(team, signed_in):
    survey = team.survey
    question = Question.objects.get(code="years", page__survey=team.survey)

    edit_question(signed_in("editor"), survey, question, relevant="${role} = 'police'")
    page = signed_in("editor").get(
        reverse("workspace:question_edit", args=[survey.slug, question.pk])
    )

    question.refresh_from_db()
    assert question.relevant == "${role} = 'police'"
    assert "This question is shown only if" in page.content.decode()
    assert "Police" in page.content.decode()


def test_a_page_condition_may_not_use_its_own_questions(team, signed_in):
    survey = team.survey
    page = Page.objects.get(title="Police work", survey=team.survey)
    url = reverse("workspace:page_edit", args=[survey.slug, page.pk])

    bad = signed_in("owner").post(url, {"title": page.title, "relevant": "${tactics} = 'x'"})
    good = signed_in("owner").post(url, {"title": page.title, "relevant": "${years} >= 5"})

    assert "Show if:" in bad.content.decode()
    assert good.status_code == 302
    page.refresh_from_db()
    assert page.relevant == "${years} >= 5"


def test_a_new_question_may_refer_to_every_question_before_it(team, signed_in):
    survey = team.survey
    page = Page.objects.get(title="Police work", survey=team.survey)

    response = signed_in("owner").post(
        reverse("workspace:question_create", args=[survey.slug, page.pk]),
        {
            "type": "short_text",
            "code": "unit",
            "label": "Which unit?",
            "page": page.pk,
            "relevant": "${role} = 'police' and ${years} > 2 and ${tactics} != ''",
        },
    )

    assert response.status_code == 302, response.content.decode()
    assert publish_messages(survey) == []
