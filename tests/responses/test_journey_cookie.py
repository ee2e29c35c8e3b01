"""responses.respondent.respondent_cookie: the respondent's cookie, its signature checked once
per request however many times the views ask for it."""

import uuid

from django.http import HttpResponse
from django.test import RequestFactory

from responses import respondent
from responses.respondent import COOKIE_NAME, RespondentCookie, set_respondent_cookie


def _request_with_cookie(slug: str, cookie: RespondentCookie):
    sent = HttpResponse()
    set_respondent_cookie(sent, slug, cookie)
    request = RequestFactory().get(f"/s/{slug}/p/1/")
    request.COOKIES[COOKIE_NAME] = sent.cookies[COOKIE_NAME].value
    return request


def test_it_reads_the_cookie_once_per_request(monkeypatch):
    response_id = uuid.uuid4()
    request = _request_with_cookie("wellbeing", RespondentCookie(response_id, just_resumed=True))
    reads = []
    real = respondent._cookie_unsigned
    monkeypatch.setattr(respondent, "_cookie_unsigned", lambda *a: reads.append(a) or real(*a))

    first = respondent.respondent_cookie(request, "wellbeing")
    second = respondent.respondent_cookie(request, "wellbeing")

    assert first == second
    assert first.response_id == response_id and first.just_resumed
    assert len(reads) == 1


def test_a_cookie_signed_for_another_survey_is_not_read_as_this_ones():
    request = _request_with_cookie("wellbeing", RespondentCookie(uuid.uuid4()))

    assert respondent.respondent_cookie(request, "another") is None
    assert respondent.respondent_cookie(request, "wellbeing") is not None
