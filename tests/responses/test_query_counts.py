"""How many SQL statements each respondent request sends: a change that adds one fails here.

Counted as Django's test tools count them: every statement, including the savepoint (in a test;
BEGIN in production) and its release (COMMIT) around a save. The version's instrument is
parsed once per process, by its first request (`respondent.start()` views page 1), and no
request after that reads the version's schema again. bench/serving.py measures the same
counts under gunicorn (docs/benchmarks.md).
"""

import pytest

pytestmark = pytest.mark.django_db

PAGE_VIEW = 1  # the respondent's response, with its survey and version joined
PAGE_SAVE = 4  # savepoint, the response read as for a view with its row locked, update, release
PAGE_REFUSED = 3  # as a page save, less the update: nothing is written
CHECK_VIEW = 1  # as a page view
SUBMIT = 5  # as a page save


def _answered_to_the_end(respondent) -> None:
    respondent.start()
    respondent.answer(1, {"role": "police"})
    respondent.answer(3, {"years": "12"})


def test_viewing_a_page(respondent, django_assert_num_queries):
    respondent.start()

    with django_assert_num_queries(PAGE_VIEW):
        viewed = respondent.get("p/1/")

    assert viewed.status_code == 200


def test_saving_a_page(respondent, django_assert_num_queries):
    respondent.start()

    with django_assert_num_queries(PAGE_SAVE):
        saved = respondent.answer(1, {"role": "police"})

    assert saved["Location"] == "/s/practice/p/3/"
    assert respondent.record().answers == {"role": "police"}


def test_a_page_refused_for_an_error_is_shown_again_with_no_write(
    respondent, django_assert_num_queries
):
    respondent.start()

    with django_assert_num_queries(PAGE_REFUSED):
        refused = respondent.answer(1, {"role": ""})

    assert refused.status_code == 200
    assert respondent.record().answers == {}


def test_viewing_the_check_page(respondent, django_assert_num_queries):
    _answered_to_the_end(respondent)

    with django_assert_num_queries(CHECK_VIEW):
        check = respondent.get("check/")

    assert check.status_code == 200


def test_submitting(respondent, django_assert_num_queries):
    _answered_to_the_end(respondent)

    with django_assert_num_queries(SUBMIT):
        submitted = respondent.submit()

    assert submitted["Location"] == "/s/practice/complete/"
    assert respondent.record().status == "complete"
