"""Invitation-only surveys: one unused code per start, and no telling whose answers are whose."""

import pytest
from django.db import connection, models
from django.forms.models import model_to_dict

from responses.models import Invitation, Response
from responses.services import invitations_create
from tests.responses.conftest import (
    CODE_FORMAT,
    Html,
    Respondent,
    a_survey,
    at_the_same_time,
    code_hash,
    database_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(db):
    return a_survey(invitation_only=True)


def test_invitation_codes_are_readable_and_stored_only_as_hashes(survey):
    codes = invitations_create(survey=survey, count=3)

    assert len(set(codes)) == 3
    assert all(CODE_FORMAT.match(code) for code in codes)
    assert Invitation.objects.filter(survey=survey, used=False).count() == 3
    stored = database_text()
    for code in codes:
        assert code not in stored
        assert code.replace("-", "") not in stored


def test_the_start_page_asks_for_the_invitation_code(survey):
    start = Html(Respondent(survey).get())

    assert start.first("input", name="code") is not None
    assert "Your invitation code" in start.text


def test_starting_without_a_code_is_explained(survey):
    invitations_create(survey=survey, count=1)

    page = Html(Respondent(survey).post("start/", {"code": ""}))

    assert page.status == 200
    assert page.title.startswith("Error: ")
    assert page.error_summary_links() == [("#id_code", "Enter the invitation code you received")]
    assert page.broken_error_links() == []
    assert Response.objects.count() == 0


def test_an_unknown_code_is_refused(survey):
    invitations_create(survey=survey, count=1)

    page = Html(Respondent(survey).post("start/", {"code": "ABCD-EFGH-JKMN"}))

    assert page.error_summary_links() == [
        ("#id_code", "This invitation code is not valid, or it has already been used")
    ]
    assert page.value_of("code") == "ABCD-EFGH-JKMN"
    assert Response.objects.count() == 0
    assert not Invitation.objects.filter(used=True).exists()


def test_a_valid_code_starts_a_response_and_is_used_up(survey):
    [code] = invitations_create(survey=survey, count=1)
    person = Respondent(survey)

    started = person.start(code=code)

    assert started["Location"] == "/s/practice/p/1/"
    assert person.record().status == Response.Status.IN_PROGRESS
    assert Invitation.objects.get().used is True


def test_a_code_may_be_typed_in_lower_case_with_spaces(survey):
    [code] = invitations_create(survey=survey, count=1)

    started = Respondent(survey).start(code=" ".join(code.lower().split("-")))

    assert started["Location"] == "/s/practice/p/1/"


def test_a_used_code_is_refused(survey):
    [code] = invitations_create(survey=survey, count=1)
    Respondent(survey).start(code=code)

    page = Html(Respondent(survey).post("start/", {"code": code}))

    assert page.error_summary_links()[0][1] == (
        "This invitation code is not valid, or it has already been used"
    )
    assert Response.objects.count() == 1


def test_a_code_for_another_survey_is_refused(survey):
    other = a_survey(slug="other", invitation_only=True)
    [code] = invitations_create(survey=other, count=1)

    page = Html(Respondent(survey).post("start/", {"code": code}))

    assert page.error_summary_links()
    assert Invitation.objects.get().used is False


def test_each_code_starts_exactly_one_response(survey):
    codes = invitations_create(survey=survey, count=2)

    for code in codes:
        Respondent(survey).start(code=code)
    for code in codes:
        Respondent(survey).start(code=code)

    assert Response.objects.count() == 2
    assert Invitation.objects.filter(used=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_one_code_sent_from_two_browsers_at_the_same_moment_starts_one_response():
    survey = a_survey(invitation_only=True)
    [code] = invitations_create(survey=survey, count=1)
    first, second = Respondent(survey), Respondent(survey)

    statuses = at_the_same_time(
        lambda: first.post("start/", {"code": code}).status_code,
        lambda: second.post("start/", {"code": code}).status_code,
    )

    assert sorted(statuses) == [200, 302]
    assert Response.objects.count() == 1
    assert Invitation.objects.get().used is True


def test_after_ten_attempts_invitation_codes_are_refused_for_a_while(survey):
    [code] = invitations_create(survey=survey, count=1)
    guesser = Respondent(survey)

    for n in range(10):
        guesser.post("start/", {"code": f"ABCD-EFGH-{n:04d}"})
    eleventh = guesser.post("start/", {"code": code})

    assert eleventh.status_code == 429
    assert Response.objects.count() == 0
    assert Invitation.objects.get().used is False


def test_using_an_invitation_changes_nothing_on_it_but_the_used_flag(survey):
    [code] = invitations_create(survey=survey, count=1)
    before = model_to_dict(Invitation.objects.get())
    created_at = Invitation.objects.get().created_at

    Respondent(survey).start(code=code)

    assert model_to_dict(Invitation.objects.get()) == before | {"used": True}
    assert Invitation.objects.get().created_at == created_at


def _relations(model) -> set:
    return {
        field.related_model
        for field in model._meta.get_fields()
        if field.is_relation and field.related_model is not None
    }


def test_no_column_links_an_invitation_and_a_response():
    assert Response not in _relations(Invitation)
    assert Invitation not in _relations(Response)
    invitation_names = {field.name for field in Invitation._meta.get_fields()}
    response_names = {field.name for field in Response._meta.get_fields()}
    assert not {name for name in invitation_names if "response" in name}
    assert not {name for name in response_names if "invitation" in name}


def test_an_invitation_records_no_time_it_was_used():
    used_fields = [field.name for field in Invitation._meta.get_fields() if "used" in field.name]
    timestamps = [
        field.name
        for field in Invitation._meta.get_fields()
        if isinstance(field, models.DateField | models.TimeField)
    ]

    assert used_fields == ["used"]
    assert isinstance(Invitation._meta.get_field("used"), models.BooleanField)
    assert timestamps == ["created_at"]
    created_at = Invitation._meta.get_field("created_at")
    assert not created_at.auto_now and not created_at.auto_now_add
    assert not created_at.editable


def test_invitation_ids_are_random_and_rows_are_not_stored_in_the_order_codes_are_printed(survey):
    printed = invitations_create(survey=survey, count=200)

    assert isinstance(Invitation._meta.pk, models.UUIDField)
    stored = list(Invitation.objects.order_by("pk").values_list("code_hash", flat=True))
    physical = _physical_order_of_codes()
    printed_hashes = [code_hash(code) for code in printed]
    assert sorted(stored) == sorted(printed_hashes)
    # 200 codes in the printed order by chance: 1 in 200!, for either ordering.
    assert stored != printed_hashes
    assert physical != printed_hashes


def _physical_order_of_codes() -> list[str]:
    """The code hashes in the order the table holds them (ctid, or SQLite's rowid)."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT code_hash FROM responses_invitation ORDER BY {order}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]
