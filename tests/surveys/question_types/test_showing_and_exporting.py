"""Question types: showing an answer again, in words, and laying it out in exports."""

from __future__ import annotations

import pytest

from tests.surveys.question_types.examples import EXAMPLES, option, question, resend, store

# --- showing an answer again --------------------------------------------------------------------

ROUND_TRIPS = [
    ("single_choice", {}, {"": "other", "other": "Youth offending team"}),
    ("dropdown", {}, {"": "london"}),
    ("multiple_choice", {}, {"": ["online", "criminal", "other"], "other": "County lines"}),
    ("multiple_choice", {}, {"": ["none"]}),
    ("likert", {}, {"": "2"}),
    ("matrix", {}, {"supervision": "4", "strategy": "1"}),
    ("yes_no", {}, {"": "no"}),
    ("short_text", {}, {"": "Team manager"}),
    ("long_text", {}, {"": "More time.\nFewer forms."}),
    ("integer", {"config": {}}, {"": "1,000"}),
    ("integer", {}, {"": "0"}),
    ("decimal", {}, {"": "7.25"}),
    ("decimal", {"config": {"decimal_places": 6}}, {"": "0.000001"}),
    ("date", {}, {"day": "5", "month": "sept", "year": "2001"}),
    ("scale_0_10", {}, {"": "0"}),
    ("ranking", {}, {"training": "2", "time": "3", "sharing": "1"}),
    ("consent", {}, {"": "on"}),
]


@pytest.mark.parametrize(("type_key", "overrides", "data"), ROUND_TRIPS)
def test_an_answer_shown_again_and_sent_back_unchanged_is_stored_the_same(
    type_key, overrides, data
):
    q = question(type_key, **overrides)
    stored = store(q, data)

    assert stored
    assert resend(q, stored) == stored


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_a_question_not_yet_answered_is_shown_empty(type_key):
    q = question(type_key)

    assert q.kind.initial(q, {}) == {}


@pytest.mark.parametrize(
    ("type_key", "answers", "shown"),
    [
        ("single_choice", {"agency": "police"}, "Police"),
        (
            "single_choice",
            {"agency": "other", "agency.other": "Youth offending team"},
            "Other: Youth offending team",
        ),
        ("dropdown", {"region": "north_east"}, "North East"),
        (
            "multiple_choice",
            {"seen": ["criminal", "other"], "seen.other": "County lines"},
            "Criminal exploitation\nOther: County lines",
        ),
        ("likert", {"confident": 4}, "Agree"),
        (
            "matrix",
            {"practice": {"supervision": 3, "strategy": 1}},
            "Discuss cases in supervision: Often\nAttend strategy meetings: Never",
        ),
        ("yes_no", {"trained": "yes"}, "Yes"),
        ("short_text", {"job_title": "Team manager"}, "Team manager"),
        ("integer", {"years": 12}, "12 years"),
        ("decimal", {"hours": 7.5}, "7.5 hours"),
        ("date", {"qualified": "2019-03-01"}, "1 March 2019"),
        ("scale_0_10", {"supported": 0}, "0"),
        (
            "ranking",
            {"priorities": ["time", "training", "sharing"]},
            "1. More time with families\n2. More training\n3. Better information sharing",
        ),
        ("consent", {"consent": True}, "Agreed"),
        ("info", {}, ""),
    ],
)
def test_an_answer_is_shown_in_words_on_the_check_your_answers_page(type_key, answers, shown):
    q = question(type_key)

    assert q.kind.display(q, answers) == shown


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_an_unanswered_question_is_shown_as_nothing(type_key):
    q = question(type_key)

    assert q.kind.display(q, {}) == ""


# --- exports ------------------------------------------------------------------------------------


def columns(type_key: str, **overrides) -> list[tuple[str, str, str]]:
    q = question(type_key, **overrides)
    return [(c.name, c.kind, c.measure) for c in q.kind.export_columns(q)]


def test_multiple_choice_exports_a_0_or_1_column_per_option_and_the_other_text():
    q = question("multiple_choice")
    exported = q.kind.export_columns(q)

    *options, text = exported
    assert [c.name for c in options] == [
        "seen_criminal",
        "seen_sexual",
        "seen_online",
        "seen_other",
        "seen_none",
    ]
    assert all((c.kind, c.measure) == ("numeric", "nominal") for c in options)
    assert all(c.value_labels == {0: "Not selected", 1: "Selected"} for c in options)
    assert options[0].label == "Which kinds of exploitation have you seen?: Criminal exploitation"
    assert text.label == "Which kinds of exploitation have you seen? (other, specified)"
    assert (text.kind, text.free_text) == ("string", True)


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_every_export_column_of_a_question_has_its_own_name(type_key):
    q = question(type_key)
    names = [c.name for c in q.kind.export_columns(q)]

    assert len(names) == len(set(names))


def test_multiple_choice_without_other_exports_no_text_column():
    plain = (option("criminal"), option("sexual"))

    assert columns("multiple_choice", choices=plain) == [
        ("seen_criminal", "numeric", "nominal"),
        ("seen_sexual", "numeric", "nominal"),
    ]


def test_a_single_choice_exports_its_value_with_labels_and_the_other_text():
    q = question("single_choice")
    main, other = q.kind.export_columns(q)

    assert (main.name, main.kind, main.measure) == ("agency", "string", "nominal")
    assert main.value_labels["social_care"] == "Children's social care"
    assert (other.name, other.kind, other.free_text) == ("agency_other_text", "string", True)


def test_a_matrix_exports_one_ordinal_column_per_statement():
    q = question("matrix")
    exported = q.kind.export_columns(q)

    assert [(c.name, c.kind, c.measure) for c in exported] == [
        ("practice_supervision", "numeric", "ordinal"),
        ("practice_strategy", "numeric", "ordinal"),
    ]
    assert exported[0].value_labels == {1: "Never", 2: "Sometimes", 3: "Often", 4: "Always"}
    assert exported[1].label == "How often do you do the following?: Attend strategy meetings"


def test_a_matrix_with_a_worded_scale_exports_text_columns():
    words = (option("never"), option("often"))

    assert columns("matrix", choices=words) == [
        ("practice_supervision", "string", "nominal"),
        ("practice_strategy", "string", "nominal"),
    ]


def test_a_ranking_exports_one_rank_column_per_option():
    assert columns("ranking") == [
        ("priorities_training", "numeric", "ordinal"),
        ("priorities_time", "numeric", "ordinal"),
        ("priorities_sharing", "numeric", "ordinal"),
    ]


@pytest.mark.parametrize(
    ("type_key", "layout"),
    [
        ("likert", [("confident", "numeric", "ordinal")]),
        ("yes_no", [("trained", "string", "nominal")]),
        ("integer", [("years", "numeric", "scale")]),
        ("decimal", [("hours", "numeric", "scale")]),
        ("date", [("qualified", "date", "scale")]),
        ("scale_0_10", [("supported", "numeric", "scale")]),
        ("consent", [("consent", "numeric", "nominal")]),
        ("short_text", [("job_title", "string", "nominal")]),
        ("long_text", [("helps", "string", "nominal")]),
        ("info", []),
    ],
)
def test_a_question_with_one_answer_exports_one_column(type_key, layout):
    assert columns(type_key) == layout


def test_value_labels_come_from_the_options_and_scale_ends():
    likert, scale = question("likert"), question("scale_0_10")

    assert likert.kind.export_columns(likert)[0].value_labels == {
        1: "Strongly disagree",
        2: "Disagree",
        3: "Neither",
        4: "Agree",
        5: "Strongly agree",
    }
    assert scale.kind.export_columns(scale)[0].value_labels == {0: "Not at all", 10: "Completely"}


@pytest.mark.parametrize("type_key", list(EXAMPLES))
def test_only_what_respondents_typed_is_flagged_as_free_text(type_key):
    q = question(type_key)
    typed = {c.name for c in q.kind.export_columns(q) if c.free_text}

    expected = {
        "short_text": {"job_title"},
        "long_text": {"helps"},
        "single_choice": {"agency_other_text"},
        "multiple_choice": {"seen_other_text"},
    }.get(type_key, set())
    assert typed == expected
