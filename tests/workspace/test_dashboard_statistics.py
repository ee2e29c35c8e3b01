"""The dashboard's counts, made by the database (run on SQLite, and on PostgreSQL in CI)."""

from __future__ import annotations

from datetime import date

import pytest

from surveys.dashboard import statistics
from surveys.dashboard.answers import AnswerCounts, Wanted, answer_counts
from surveys.dashboard.summary import survey_dashboard
from surveys.models import Survey
from tests.support.surveys import published_survey
from tests.workspace.dashboard_data import CHOICES_SURVEY, add_responses, choices_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return choices_survey()


def test_started_and_completed_count_every_response_but_tests(survey):
    add_responses(survey, 3, {"role": "police"})
    add_responses(survey, 2, {}, complete=False)
    add_responses(survey, 4, {"role": "police"}, is_test=True)

    totals = statistics.participation(survey=survey)

    assert (totals.started, totals.completed) == (5, 3)


def counts(survey, **wanted) -> AnswerCounts:
    return answer_counts(survey=survey, wanted=Wanted(**wanted))


def test_one_value_answers_are_counted_by_value(survey):
    add_responses(survey, 3, {"role": "police"})
    add_responses(survey, 2, {"role": "other", "role.other": "Nurse"})
    add_responses(survey, 1, {"agree": 3})
    add_responses(survey, 1, {"agree": None})
    add_responses(survey, 1, {})

    found = counts(survey, values=("role", "agree", "trained"))

    assert found.values == {"role": {"police": 3, "other": 2}, "agree": {"3": 1}}


def test_answers_of_unfinished_and_test_responses_are_not_counted(survey):
    add_responses(survey, 2, {"role": "police", "tactics": ["arrest"]}, complete=False)
    add_responses(survey, 2, {"role": "police", "tactics": ["arrest"]}, is_test=True)

    found = counts(survey, values=("role",), lists=("tactics",))

    assert found.values == {} and found.lists == {} and found.lists_answered == {}


def test_answers_of_another_survey_are_not_counted(survey):
    other = published_survey(pages=CHOICES_SURVEY, slug="other")
    add_responses(other, 2, {"role": "police"})

    assert counts(survey, values=("role",)).values == {}


def test_multiple_choice_counts_each_option_chosen(survey):
    add_responses(survey, 2, {"tactics": ["orders", "arrest"]})
    add_responses(survey, 1, {"tactics": ["arrest"]})
    add_responses(survey, 1, {"tactics": []})
    add_responses(survey, 1, {"role": "police", "tactics": "not a list"})

    found = counts(survey, lists=("tactics",))

    assert found.lists == {"tactics": {"orders": 2, "arrest": 3}}
    assert found.lists_answered == {"tactics": 3}


def test_a_matrix_is_counted_statement_by_statement(survey):
    add_responses(survey, 2, {"views": {"works": 2, "costly": 1}})
    add_responses(survey, 1, {"views": {"works": 1}})
    add_responses(survey, 1, {"views": "not an object"})

    found = counts(survey, statements=("views",))

    assert found.statements == {"views": {"works": {"2": 2, "1": 1}, "costly": {"1": 2}}}


def test_a_ranking_is_counted_by_what_was_ranked_first(survey):
    add_responses(survey, 2, {"order": ["b", "a", "c"]})
    add_responses(survey, 1, {"order": ["c", "b", "a"]})
    add_responses(survey, 1, {"order": []})

    assert counts(survey, rankings=("order",)).ranked_first == {"order": {"b": 2, "c": 1}}


def test_yes_and_no_are_counted_as_stored(survey):
    add_responses(survey, 2, {"trained": "yes"})
    add_responses(survey, 1, {"trained": "no"})

    assert counts(survey, values=("trained",)).values == {"trained": {"yes": 2, "no": 1}}


def test_non_empty_text_answers_are_counted_by_key(survey):
    add_responses(survey, 3, {"barriers": "Time", "role": "other", "role.other": "Nurse"})
    add_responses(survey, 2, {"barriers": ""})

    found = counts(survey, texts=("barriers", "role.other", "nothing"))

    assert found.texts == {"barriers": 3, "role.other": 3}


def test_a_code_that_looks_like_sql_is_only_ever_a_parameter(survey):
    add_responses(survey, 1, {"role": "police"})

    found = counts(survey, values=("role') OR 1=1 --", "role"))

    assert found.values == {"role": {"police": 1}}


def test_days_come_from_the_start_date_and_the_submission_date(survey):
    add_responses(survey, 2, {}, day=date(2026, 3, 2), submitted_on=date(2026, 3, 3))
    add_responses(survey, 1, {}, day=date(2026, 3, 3), complete=False)

    started = statistics.started_by_period(survey=survey, by_month=False)
    completed = statistics.completed_by_period(survey=survey, by_month=False)

    assert started == {date(2026, 3, 2): 2, date(2026, 3, 3): 1}
    assert completed == {date(2026, 3, 3): 2}


def test_a_survey_kept_to_the_month_is_counted_by_month(survey):
    add_responses(survey, 2, {}, day=date(2026, 3, 1), submitted_on=date(2026, 3, 1))
    add_responses(survey, 1, {}, day=date(2026, 4, 1), submitted_on=date(2026, 4, 1))

    started = statistics.started_by_period(survey=survey, by_month=True)
    completed = statistics.completed_by_period(survey=survey, by_month=True)

    assert started == {date(2026, 3, 1): 2, date(2026, 4, 1): 1}
    assert completed == started


def test_the_median_duration_is_the_middle_of_the_complete_ones(survey):
    for seconds in (100, 300, 200, 1000):
        add_responses(survey, 1, {}, duration=seconds)
    add_responses(survey, 1, {}, complete=False, duration=5)

    assert statistics.median_duration(survey=survey).median_seconds == 250
    add_responses(survey, 1, {}, duration=50)
    assert statistics.median_duration(survey=survey).median_seconds == 200


def test_unfinished_responses_are_counted_by_the_furthest_page_they_reached(survey):
    add_responses(survey, 2, {}, complete=False, furthest_page=0)
    add_responses(survey, 3, {}, complete=False, furthest_page=1)
    add_responses(survey, 1, {}, complete=False, furthest_page=2)
    add_responses(survey, 4, {})

    stopped = statistics.stopped_by_page(survey=survey, version=survey.current_version)

    assert stopped == {0: 2, 1: 3, 2: 1}


def test_text_answers_are_the_non_empty_ones_in_the_order_of_random_ids(survey):
    rows = add_responses(survey, 3, {"barriers": "Time"})
    add_responses(survey, 2, {"barriers": ""})
    add_responses(survey, 1, {"role": "police"})

    answers = statistics.text_answers(survey=survey, key="barriers")

    assert list(answers) == ["Time"] * 3
    ids = sorted(row.pk for row in rows)
    assert list(answers.values_list("pk", flat=True)) == ids


def test_other_please_specify_text_is_read_by_its_key(survey):
    add_responses(survey, 2, {"role": "other", "role.other": "Nurse"})

    assert list(statistics.text_answers(survey=survey, key="role.other")) == ["Nurse", "Nurse"]


def test_the_dashboard_of_a_survey_with_many_answers_shows_every_count(survey):
    add_responses(survey, 12, {"role": "police", "tactics": ["orders"], "trained": "yes"})
    add_responses(survey, 15, {"role": "social_worker", "tactics": ["orders", "arrest"]})

    board = survey_dashboard(survey=survey)

    (role,) = next(q for q in board.questions if q.code == "role").breakdowns
    assert [(row.label, str(row.figure), row.percent) for row in role.rows] == [
        ("Police officer", "12", "44%"),
        ("Social worker", "15", "56%"),
        ("Teacher", "0", "0%"),
        ("Other", "0", "0%"),
    ]
    (tactics,) = next(q for q in board.questions if q.code == "tactics").breakdowns
    assert [str(row.figure) for row in tactics.rows] == ["27", "15", "0"]
    assert str(board.completed) == "27" and board.completion_rate == "100%"
    assert board.median_duration == "10 minutes"


def test_the_dashboard_of_an_unpublished_survey_has_no_questions():
    survey = Survey.objects.create(slug="empty", title="Empty", organisation="Org")

    board = survey_dashboard(survey=survey)

    assert not board.published and board.questions == () and str(board.started) == "0"


def test_a_question_in_the_survey_keeps_its_place_on_the_dashboard(survey):
    board = survey_dashboard(survey=survey)

    assert [q.code for q in board.questions] == [
        "role",
        "agree",
        "trained",
        "useful",
        "tactics",
        "views",
        "order",
    ]
    assert [place.key for place in board.text_questions] == ["role.other", "barriers"]
