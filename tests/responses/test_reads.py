"""responses.reads: the respondent pages' one read gives what the ORM would have given.

The statement is written once from the models' field lists, so these tests compare it, field by
field, with the same read made through the ORM (select_related, the version's schema deferred).
"""

import uuid

import pytest
from django.db import transaction

from responses.models import Response
from responses.reads import response_with_survey
from surveys.models import Survey, SurveyVersion

pytestmark = pytest.mark.django_db


def _values(instance, *, leave_out=()) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.name not in leave_out
    }


@pytest.fixture
def answered(respondent) -> Response:
    respondent.start()
    respondent.answer(1, {"role": "police"})
    return respondent.record()


def test_the_response_its_survey_and_its_version_are_read_as_the_orm_reads_them(answered):
    through_orm = (
        Response.objects.select_related("survey", "version")
        .defer("version__schema")
        .get(pk=answered.pk)
    )

    read = response_with_survey(answered.pk, "practice")

    assert _values(read) == _values(through_orm)
    assert read.answers == {"role": "police"}
    assert _values(read.survey) == _values(through_orm.survey)
    assert _values(read.version, leave_out={"schema"}) == _values(
        through_orm.version, leave_out={"schema"}
    )


def test_no_further_query_is_needed_for_the_survey_or_version(answered, django_assert_num_queries):
    with django_assert_num_queries(1):
        read = response_with_survey(answered.pk, "practice")
        assert isinstance(read.survey, Survey)
        assert isinstance(read.version, SurveyVersion)
        assert read.survey.title == "Safeguarding practice in 2025"
        assert read.version.number == 1


def test_the_schema_is_left_in_the_database(answered):
    read = response_with_survey(answered.pk, "practice")

    assert "schema" in read.version.get_deferred_fields()


def test_the_response_of_another_survey_is_not_found(answered):
    assert response_with_survey(answered.pk, "another-survey") is None


def test_an_unknown_response_is_not_found(answered):
    assert response_with_survey(uuid.uuid4(), "practice") is None
    assert response_with_survey(uuid.uuid4()) is None


def test_without_a_slug_the_response_is_found_by_its_id_alone(answered):
    assert response_with_survey(answered.pk).survey.slug == "practice"


@pytest.mark.django_db(transaction=True)  # outside any transaction, as a request begins
def test_a_locking_read_needs_a_transaction(answered):
    with pytest.raises(RuntimeError, match="transaction"):
        response_with_survey(answered.pk, "practice", lock=True)

    with transaction.atomic():
        locked = response_with_survey(answered.pk, "practice", lock=True)

    assert locked.pk == answered.pk


def test_a_read_instance_saves_like_any_other(answered):
    read = response_with_survey(answered.pk, "practice")
    read.active_seconds = 42
    read.save(update_fields=["active_seconds"])

    assert Response.objects.get(pk=answered.pk).active_seconds == 42
