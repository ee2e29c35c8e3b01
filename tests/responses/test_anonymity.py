"""Nothing about who or where a respondent is gets stored or logged, and times are coarse.

The journeys here send tell-tale values in every header that could identify someone, then search
every table of the database, the captured logs and the cache files for them.
"""

import logging
from datetime import date, time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone

from responses.models import FollowUpContact, Response
from responses.services import invitations_create
from tests.responses.conftest import Respondent, a_survey, database_text
from tests.support.logs import written_logs

pytestmark = pytest.mark.django_db

MARKED_HEADERS = {
    "HTTP_X_FORWARDED_FOR": "203.0.113.77",
    "HTTP_USER_AGENT": "MarkerAgent/9.9 zq7x",
    "HTTP_REFERER": "https://marker.example/zq7x-ref",
    "REMOTE_ADDR": "198.51.100.23",
}
MARKERS = ["203.0.113.77", "198.51.100.23", "MarkerAgent", "zq7x", "marker.example"]


def _marked(survey) -> Respondent:
    return Respondent(survey, **MARKED_HEADERS)


def _answer_with_time_on_page(person, number, answers, **more):
    shown = person.page(number).first("input", name="shown").attrs["value"]
    return person.answer(number, answers, shown=shown, **more)


def _journeys(survey, invitation_survey) -> list[Respondent]:
    """Several people through every respondent path; returns them all for their cookies."""
    people = []

    finisher = _marked(survey)
    finisher.get()
    finisher.get("privacy/")
    finisher.start()
    _answer_with_time_on_page(finisher, 1, {"role": "social_worker"})
    _answer_with_time_on_page(finisher, 2, {"joint_visits": "yes", "joint_notes": "Weekly"})
    _answer_with_time_on_page(finisher, 3, {"years": "12", "reflections": "Supervision helps."})
    finisher.get("check/")
    finisher.submit()
    finisher.get("complete/")
    finisher.get("follow-up/")
    finisher.post("follow-up/", {"name": "Sam", "contact": "sam@example.org", "note": "Any time"})
    people.append(finisher)

    saver = _marked(survey)
    saver.start()
    code = saver.save_for_later(1, {"role": "teacher", "school_phase": "Primary"})
    resumer = _marked(survey)
    resumer.get(f"resume/?code={code}")
    resumer.post("resume/", {"code": "ABCD-EFGH-JKMN"})
    resumer.post("resume/", {"code": code})
    resumer.response_id, resumer.token = saver.response_id, saver.token
    _answer_with_time_on_page(resumer, 1, {"role": "teacher", "school_phase": "Primary"})
    _answer_with_time_on_page(resumer, 3, {"years": "3"})
    resumer.submit()
    people += [saver, resumer]

    withdrawer = _marked(survey)
    receipt = withdrawer.complete_as_teacher()
    withdrawer.get("withdraw/")
    withdrawer.post("withdraw/", {"code": receipt})
    withdrawer.post("withdraw/", {"code": receipt, "confirm": "yes"})
    people.append(withdrawer)

    clumsy = _marked(survey)
    clumsy.client.raise_request_exception = False
    clumsy.start()
    clumsy.answer(1, {"role": "teacher"}, token="forged")  # 400, and a log line
    clumsy.answer(1, {"role": "teacher"}, headers={"HTTP_ORIGIN": "https://marker.example"})
    clumsy.get("p/99/")  # 404, and a log line
    clumsy.answer(1, {})  # a page with errors
    people.append(clumsy)

    [invitation] = invitations_create(survey=invitation_survey, count=1)
    invited = _marked(invitation_survey)
    invited.post("start/", {"code": "ABCD-EFGH-JKMN"})
    invited.start(code=invitation)
    invited.answer(1, {"role": "police"})
    invited.answer(3, {"years": "20"})
    invited.submit()
    people.append(invited)
    return people


@pytest.fixture
def surveys(db):
    return (
        a_survey(followup_enabled=True),
        a_survey(slug="invited", invitation_only=True),
    )


@pytest.mark.parametrize("trusted_proxies", [0, 1])
def test_no_address_browser_or_referrer_is_stored_or_logged(
    surveys, caplog, settings, trusted_proxies
):
    settings.CANDOUR_TRUSTED_PROXIES = trusted_proxies
    caplog.set_level(logging.DEBUG)

    with written_logs() as written:
        _journeys(*surveys)

    assert Response.objects.filter(status=Response.Status.COMPLETE).count() == 3
    assert FollowUpContact.objects.count() == 1
    stored = database_text()
    recorded = caplog.text + "\n".join(str(record.__dict__) for record in caplog.records)
    assert "Bad Request" in recorded  # the logs were captured
    assert "Bad Request: [respondent page]" in written.getvalue()  # and written, scrubbed
    for marker in MARKERS:
        assert marker not in stored, f"{marker} is stored in the database"
        assert marker not in recorded, f"{marker} is in a log record"
        assert marker not in written.getvalue(), f"{marker} is written to the log"
    assert "/s/" not in written.getvalue()


def _cache_contents() -> list[tuple[str, bytes]]:
    """Every key and stored value of the configured cache: files, or Redis keys."""
    cache_settings = django_settings.CACHES["default"]
    if cache_settings["BACKEND"].endswith("FileBasedCache"):
        files = [path for path in Path(cache_settings["LOCATION"]).rglob("*") if path.is_file()]
        return [(path.name, path.read_bytes()) for path in files]
    if cache_settings["BACKEND"].endswith("RedisCache"):
        import redis

        client = redis.Redis.from_url(cache_settings["LOCATION"])
        contents = []
        for key in client.scan_iter(match="candour:*"):
            value = client.get(key) if client.type(key) == b"string" else b""
            contents.append((key.decode(), key + b" " + (value or b"")))
        return contents
    pytest.fail(f"no way to read the {cache_settings['BACKEND']} cache in this test")


def test_no_address_is_kept_in_the_cache_used_for_rate_limits(surveys, settings):
    settings.CANDOUR_TRUSTED_PROXIES = 1

    _journeys(*surveys)

    contents = _cache_contents()
    assert contents  # the rate limits did count attempts
    for name, content in contents:
        for marker in MARKERS:
            assert marker.encode() not in content, f"{marker} is in the cache entry {name}"


def test_the_only_cookie_is_the_http_only_same_site_response_cookie(surveys):
    people = _journeys(*surveys)

    set_cookies = [
        (name, morsel)
        for person in people
        for http_response in person.history
        for name, morsel in http_response.cookies.items()
    ]
    assert set_cookies
    assert {name for name, _morsel in set_cookies} == {"candour_response"}
    for _name, morsel in set_cookies:
        assert morsel["httponly"] is True
        assert morsel["samesite"] == "Lax"
        assert morsel["path"] in {"/s/practice/", "/s/invited/"}
        if morsel.value:
            assert not morsel["expires"] and not morsel["max-age"]  # gone when the browser closes
        else:  # saving for later ends the visit: the cookie is deleted at once
            assert str(morsel["max-age"]) == "0"
    assert {name for person in people for name in person.client.cookies} == {"candour_response"}
    assert Session.objects.count() == 0


def test_times_are_stored_no_more_precisely_than_the_day_by_default(respondent):
    days = {timezone.localdate()}
    respondent.complete_as_teacher()
    days.add(timezone.localdate())  # in case the test ran over midnight

    record = respondent.record()
    submitted = timezone.localtime(record.submitted_at)
    assert submitted.time() == time(0, 0)
    assert submitted.date() in days
    assert type(record.started_on) is date
    assert record.started_on in days
    assert type(record.duration_seconds) is int
    assert record.duration_seconds >= 0


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        ("hour", lambda now: now.replace(minute=0, second=0, microsecond=0)),
        ("date", lambda now: now.replace(hour=0, minute=0, second=0, microsecond=0)),
        ("month", lambda now: now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)),
    ],
)
def test_the_submission_time_is_cut_to_the_survey_precision(db, precision, expected):
    person = Respondent(a_survey(submit_time_precision=precision))
    before = timezone.localtime()

    person.complete_as_teacher()

    record = person.record()
    after = timezone.localtime()
    assert timezone.localtime(record.submitted_at) in {expected(before), expected(after)}
    assert record.started_on <= timezone.localdate()
    if precision == "month":
        assert record.started_on.day == 1


def test_time_spent_answering_is_counted_in_whole_seconds_from_the_pages_shown(respondent):
    respondent.start()
    _answer_with_time_on_page(respondent, 1, {"role": "teacher"})
    _answer_with_time_on_page(respondent, 3, {"years": "4"})
    respondent.submit()

    record = respondent.record()
    assert type(record.duration_seconds) is int
    assert 0 <= record.duration_seconds < 60


def test_a_response_has_no_column_for_an_address_a_browser_or_a_precise_time():
    fields = Response._meta.get_fields()
    names = " ".join(field.name for field in fields).lower()

    for hint in ("ip", "addr", "agent", "referer", "referrer", "host", "created", "updated"):
        assert not [f.name for f in fields if hint in f.name.lower().split("_")], hint
    assert "ip_address" not in names
    precise = [f.name for f in fields if isinstance(f, models.DateTimeField)]
    assert precise == ["submitted_at"]
    assert isinstance(Response._meta.get_field("started_on"), models.DateField)
    assert not isinstance(Response._meta.get_field("started_on"), models.DateTimeField)


def test_respondent_pages_tell_the_browser_to_send_no_referrer_elsewhere(respondent):
    start = respondent.get()

    assert start["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}
    assert "https://" not in start["Content-Security-Policy"]


def test_a_response_id_does_not_follow_the_order_people_started(db):
    survey = a_survey()
    people = [Respondent(survey) for _ in range(12)]
    for person in people:
        person.start()

    ids = [person.response_id for person in people]
    assert all(response_id.version == 4 for response_id in ids)
    assert ids != sorted(ids)


def test_under_https_the_response_cookie_is_sent_only_over_https(practice_survey, settings):
    settings.SESSION_COOKIE_SECURE = True
    person = Respondent(practice_survey)

    started = person.start()

    assert started.cookies["candour_response"]["secure"] is True
