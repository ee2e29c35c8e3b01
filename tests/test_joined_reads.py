"""config.joined_reads: reads written once give what the ORM's select_related gives.

Each read is compared field by field with the same read made through the ORM, on whichever
database the suite runs (PostgreSQL in CI, SQLite with nothing configured).
"""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from api.tokens import token_create, token_find
from config.joined_reads import JoinedRead, Table
from surveys.models import Survey, SurveyMembership, SurveyVersion
from surveys.selectors import CAN_ANALYSE, CAN_BUILD, survey_for_member
from tests.support.surveys import published_survey

pytestmark = pytest.mark.django_db

PAGES = [{"title": "About you", "questions": [{"code": "years", "type": "integer"}]}]


def _values(instance, *, leave_out=()) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.name not in leave_out
    }


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", "editor@example.org", "x")


def test_a_member_s_survey_and_its_version_are_read_as_the_orm_reads_them(editor):
    survey = published_survey(pages=PAGES, slug="practice")
    SurveyMembership.objects.create(survey=survey, user=editor, role="editor")
    through_orm = Survey.objects.select_related("current_version").get(pk=survey.pk)

    read = survey_for_member(user=editor, slug="practice", roles=CAN_BUILD)

    assert _values(read) == _values(through_orm)
    assert _values(read.current_version, leave_out={"schema"}) == _values(
        through_orm.current_version, leave_out={"schema"}
    )
    assert "schema" in read.current_version.get_deferred_fields()


def test_a_survey_with_no_version_yet_is_read_through_an_outer_join(editor):
    draft = Survey.objects.create(slug="draft", title="Draft", organisation="Northfield")
    SurveyMembership.objects.create(survey=draft, user=editor, role="owner")

    read = survey_for_member(user=editor, slug="draft", roles=CAN_BUILD)

    assert read.pk == draft.pk
    assert read.current_version is None


def test_a_role_that_may_not_is_refused_as_if_the_survey_did_not_exist(editor):
    survey = published_survey(pages=PAGES, slug="practice")
    SurveyMembership.objects.create(survey=survey, user=editor, role="editor")

    with pytest.raises(Http404):
        survey_for_member(user=editor, slug="practice", roles=CAN_ANALYSE)
    with pytest.raises(Http404):
        survey_for_member(user=editor, slug="elsewhere", roles=CAN_BUILD)


def test_a_token_is_found_with_its_user_in_one_statement(editor, django_assert_num_queries):
    text = token_create(user=editor, name="script", scopes=["read"]).text

    with django_assert_num_queries(1):
        token = token_find(text)
        assert token.user.email == "editor@example.org"

    assert token_find(text[:-1] + ("A" if text[-1] != "A" else "B")) is None


def test_a_read_with_no_match_is_none():
    versions = JoinedRead((Table(SurveyVersion, "v"),), where=(("v", "checksum"),))

    assert versions.fetch("no such checksum") is None
