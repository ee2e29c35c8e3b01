"""The builder's services: every write to a draft, and that each is audited."""

from __future__ import annotations

from datetime import date

import pytest

from audit.models import AuditEvent
from surveys.builder.choices import choice_create, choice_delete, choice_move, choice_update
from surveys.builder.pages import page_create, page_delete, page_move, page_update
from surveys.builder.questions import (
    QuestionFields,
    question_create,
    question_delete,
    question_move,
    question_problems,
    question_update,
)
from surveys.builder.surveys import (
    SurveyStateRefused,
    survey_clone,
    survey_close,
    survey_create,
    survey_delete,
    survey_open,
    survey_publish_check,
    survey_publish_draft,
    survey_update_settings,
)
from surveys.models import Survey
from surveys.services import IncompatibleChanges

pytestmark = pytest.mark.django_db


def codes(page):
    return list(page.questions.order_by("position").values_list("code", flat=True))


def changes(survey):
    events = AuditEvent.objects.filter(survey=survey).order_by("id")
    return [event.detail.get("change") for event in events]


class TestSurveys:
    def test_create_gives_a_unique_address_and_makes_the_creator_owner(self, team):
        first = survey_create(title="Risk tools", organisation="Uni", by=team.owner)
        second = survey_create(title="Risk tools", organisation="Uni", by=team.owner)

        assert (first.slug, second.slug) == ("risk-tools", "risk-tools-2")
        assert first.memberships.get().user == team.owner
        assert AuditEvent.objects.filter(survey=first, action="survey.created").count() == 1

    def test_clone_copies_settings_and_drafts_but_not_team_or_versions(self, team):
        survey_update_settings(survey=team.survey, by=team.owner, invitation_only=True)
        survey_publish_draft(survey=team.survey, by=team.owner)

        copy = survey_clone(source=team.survey, title="Second wave", by=team.editor)

        assert copy.invitation_only and copy.organisation == team.survey.organisation
        assert copy.status == Survey.Status.DRAFT and copy.current_version is None
        assert [p.title for p in copy.pages.order_by("position")] == [
            "About your work",
            "Police work",
        ]
        role = copy.pages.first().questions.get(code="role")
        assert list(role.choices.values_list("value", flat=True)) == [
            "social_worker",
            "police",
            "other",
        ]
        assert list(copy.memberships.values_list("user", "role")) == [(team.editor.pk, "owner")]

    def test_settings_changes_are_audited_by_name(self, team):
        survey_update_settings(
            survey=team.survey, by=team.owner, title="New title", response_limit=100
        )

        event = AuditEvent.objects.get(action="survey.changed", survey=team.survey)
        assert event.detail == {"change": "settings", "fields": ["response_limit", "title"]}

    def test_delete_removes_its_responses_and_keeps_the_name_in_the_audit_log(self, team):
        from responses.models import Response

        survey_publish_draft(survey=team.survey, by=team.owner)
        team.survey.refresh_from_db()
        Response.objects.create(
            survey=team.survey, version=team.survey.current_version, started_on=date.today()
        )

        survey_delete(survey=team.survey, by=team.owner)

        assert not Response.objects.exists()

        event = AuditEvent.objects.get(action="survey.deleted")
        assert event.survey is None and event.survey_label == "team-survey"

    def test_open_close_and_reopen(self, team):
        with pytest.raises(SurveyStateRefused):
            survey_open(survey=team.survey, by=team.editor)
        survey_publish_draft(survey=team.survey, by=team.editor)

        survey_open(survey=team.survey, by=team.editor)
        survey_close(survey=team.survey, by=team.editor)
        survey_open(survey=team.survey, by=team.editor)

        team.survey.refresh_from_db()
        assert team.survey.status == Survey.Status.OPEN
        actions = list(
            AuditEvent.objects.filter(survey=team.survey)
            .order_by("id")
            .values_list("action", "detail")
        )
        assert actions[-3:] == [
            ("survey.opened", {"reopened": False}),
            ("survey.closed", {}),
            ("survey.opened", {"reopened": True}),
        ]


class TestPublishing:
    def _with_a_response(self, team):
        from responses.models import Response

        survey_publish_draft(survey=team.survey, by=team.owner)
        team.survey.refresh_from_db()
        Response.objects.create(
            survey=team.survey, version=team.survey.current_version, started_on=date.today()
        )

    def test_publishing_makes_a_version_and_audits_it(self, team):
        result = survey_publish_draft(survey=team.survey, by=team.editor)

        assert result.version.number == 1
        event = AuditEvent.objects.get(action="survey.published")
        assert event.detail == {"version": 1, "accepted_changes": 0}

    def test_the_check_reports_breaking_changes_before_publishing(self, team):
        self._with_a_response(team)
        question_delete(question=team.survey.pages.first().questions.get(code="years"), by=None)

        check = survey_publish_check(survey=team.survey)

        assert check.problems == [] and not check.unchanged
        assert check.changes == [
            "${years} is removed; answers already given to it stay with the old version."
        ]
        with pytest.raises(IncompatibleChanges):
            survey_publish_draft(survey=team.survey, by=team.owner)
        accepted = survey_publish_draft(
            survey=team.survey, by=team.owner, accept_breaking_changes=True
        )
        assert accepted.version.number == 2

    def test_an_unchanged_draft_is_reported_as_such(self, team):
        survey_publish_draft(survey=team.survey, by=team.owner)

        assert survey_publish_check(survey=team.survey).unchanged


class TestPages:
    def test_pages_are_added_at_the_end_edited_moved_and_deleted(self, team):
        survey = team.survey
        third = page_create(survey=survey, title="Third", by=team.editor)
        page_update(page=third, title="Partnerships", intro="", relevant=" ", by=team.editor)
        page_move(page=third, direction="up", by=team.editor)
        first = survey.pages.get(title="About your work")
        assert not page_move(page=first, direction="up", by=team.editor)

        page_delete(page=survey.pages.get(title="Police work"), by=team.editor)

        assert list(survey.pages.order_by("position").values_list("title", "position")) == [
            ("About your work", 0),
            ("Partnerships", 1),
        ]
        assert changes(survey) == [
            "page.created",
            "page.changed",
            "page.moved_up",
            "page.deleted",
        ]


class TestQuestions:
    def test_a_question_is_added_at_the_end_of_its_page_with_its_types_config_only(self, team):
        page = team.survey.pages.first()

        question = question_create(
            page=page,
            type="integer",
            fields=QuestionFields(
                code="caseload", label="Cases", config={"min": 0, "max_length": 9}
            ),
            by=team.editor,
        )

        assert codes(page) == ["role", "years", "caseload"]
        assert question.config == {"min": 0}

    def test_information_text_is_never_required(self, team):
        question = question_create(
            page=team.survey.pages.first(),
            type="info",
            fields=QuestionFields(code="note", label="Read this", required=True),
            by=team.editor,
        )

        assert question.required is False

    def test_moving_past_the_edge_of_a_page_goes_to_the_neighbouring_page(self, team):
        first, second = team.survey.pages.order_by("position")
        years = first.questions.get(code="years")

        question_move(question=years, direction="down", by=team.editor)
        assert (codes(first), codes(second)) == (["role"], ["years", "tactics"])
        question_move(question=years, direction="up", by=team.editor)
        assert (codes(first), codes(second)) == (["role", "years"], ["tactics"])
        question_move(question=second.questions.get(code="tactics"), direction="up", by=None)

        assert (codes(first), codes(second)) == (["role", "years", "tactics"], [])
        assert not question_move(
            question=first.questions.get(code="role"), direction="up", by=team.editor
        )

    def test_a_question_edited_onto_another_page_goes_to_its_end(self, team):
        first, second = team.survey.pages.order_by("position")
        role = first.questions.get(code="role")

        question_update(
            question=role,
            fields=QuestionFields(code="role", label="Your role", required=True),
            page=second,
            by=team.editor,
        )

        assert codes(second) == ["tactics", "role"]
        assert codes(first) == ["years"]
        assert list(first.questions.values_list("position", flat=True)) == [0]

    def test_a_new_type_keeps_shared_settings_and_drops_options_it_has_none_of(self, team):
        role = team.survey.pages.first().questions.get(code="role")
        role.config = {"short_label": "Role"}
        role.save()

        question_update(
            question=role,
            fields=QuestionFields(code="role", label="Your role", config=role.config),
            type="short_text",
            by=team.editor,
        )

        role.refresh_from_db()
        assert (role.type, role.config, role.choices.count()) == (
            "short_text",
            {"short_label": "Role"},
            0,
        )
        assert question_problems(role) == []

    def test_configuration_problems_are_those_publishing_gives(self, team):
        page = team.survey.pages.first()
        question = question_create(
            page=page,
            type="multiple_choice",
            fields=QuestionFields(code="agencies", label="Agencies", config={"max_selections": 3}),
            by=team.editor,
        )

        assert question_problems(question) == [
            "Add at least one option.",
            "max_selections is more than the number of options.",
        ]

    def test_delete_renumbers_the_rest(self, team):
        page = team.survey.pages.first()

        question_delete(question=page.questions.get(code="role"), by=team.editor)

        assert list(page.questions.values_list("code", "position")) == [("years", 0)]
        assert "question.deleted" in changes(team.survey)

    def test_a_new_rating_scale_starts_with_an_agreement_scale(self, team):
        question = question_create(
            page=team.survey.pages.first(),
            type="likert",
            fields=QuestionFields(code="trust", label="I trust the tools"),
            by=team.editor,
        )

        assert list(question.choices.order_by("position").values_list("value", flat=True)) == [
            "1",
            "2",
            "3",
            "4",
            "5",
        ]
        assert question_problems(question) == []


class TestChoices:
    def test_options_are_added_edited_moved_and_deleted(self, team):
        role = team.survey.pages.first().questions.get(code="role")

        teacher = choice_create(question=role, value="teacher", label="Teacher", by=team.editor)
        choice_update(
            choice=teacher,
            value="teacher",
            label="Teacher or school staff",
            exclusive=False,
            is_other=False,
            by=team.editor,
        )
        choice_move(choice=teacher, direction="up", by=team.editor)
        choice_delete(choice=role.choices.get(value="police"), by=team.editor)

        assert list(role.choices.order_by("position").values_list("value", "position")) == [
            ("social_worker", 0),
            ("teacher", 1),
            ("other", 2),
        ]
        assert changes(team.survey)[-4:] == [
            "choice.created",
            "choice.changed",
            "choice.moved_up",
            "choice.deleted",
        ]
