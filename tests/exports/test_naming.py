"""Names SPSS and Stata accept, made from question codes, the same every time."""

from exports.naming import SPSS, SPSS_LIMIT, STATA, STATA_LIMIT, unique_names


def test_long_names_are_cut_to_each_programs_limit():
    long = "how_confident_do_you_feel_about_recognising_signs_of_exploitation_online"

    (spss,) = unique_names([long], SPSS)
    (stata,) = unique_names([long], STATA)

    assert spss == long[:SPSS_LIMIT] and len(stata) == STATA_LIMIT <= 32
    assert long.startswith(stata)


def test_names_that_clash_once_cut_get_numbered_in_layout_order():
    names = ["language_statements_cse_complicit_one", "language_statements_cse_complicit_two"]

    first, second = unique_names(names, STATA)

    assert first == names[0][:STATA_LIMIT]
    assert second == names[1][: STATA_LIMIT - 2] + "_2"
    assert unique_names(names, STATA) == [first, second]


def test_reserved_words_and_leading_digits_are_made_safe():
    assert unique_names(["with", "by", "in", "str12", "2nd_job", "_n"], STATA) == [
        "q_with",
        "by",
        "q_in",
        "q_str12",
        "v2nd_job",
        "v_n",
    ]
    assert unique_names(["with", "by", "and", "to"], SPSS) == ["q_with", "q_by", "q_and", "q_to"]


def test_names_differing_only_in_case_count_as_the_same():
    assert unique_names(["Role", "role"], SPSS) == ["Role", "role_2"]
