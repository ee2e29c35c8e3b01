"""Respondents never depend on Redis: with it stopped, nothing they do fails or is lost.

Redis holds only the rate-limit counters of the respondent pages (and the Celery broker, which
no respondent page uses). The cache here is a real Redis server that the test stops.
"""

import pytest
import redis
from django.core.cache import cache

from responses.models import Response
from surveys.models import Survey
from tests.responses.conftest import Html, Respondent


@pytest.fixture
def redis_stopped(private_redis, settings):
    """The cache is a Redis server that worked, then stopped."""
    server, url = private_redis
    timeout = settings.REDIS_SOCKET_TIMEOUT
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "socket_timeout": timeout,
                "socket_connect_timeout": timeout,
            },
        }
    }
    cache.set("reachable", "yes")
    assert cache.get("reachable") == "yes"
    server.terminate()
    server.wait(timeout=10)
    with pytest.raises(redis.ConnectionError):
        cache.get("reachable")


@pytest.mark.usefixtures("redis_stopped")
def test_a_respondent_can_start_save_resume_submit_and_withdraw(respondent, practice_survey):
    respondent.start()
    assert respondent.answer(1, {"role": "teacher", "school_phase": "Primary"}).status_code == 302
    resume_code = respondent.save_for_later(3, {"reflections": "Half a thought"})

    elsewhere = Respondent(practice_survey)
    resumed = elsewhere.post("resume/", {"code": resume_code})
    assert resumed["Location"] == "/s/practice/p/3/"
    elsewhere.response_id = respondent.response_id
    assert elsewhere.answer(3, {"years": "9", "reflections": "A whole thought"}).status_code == 302
    assert elsewhere.submit()["Location"] == "/s/practice/complete/"
    record = respondent.record()
    assert record.status == Response.Status.COMPLETE
    assert record.answers == {
        "role": "teacher",
        "school_phase": "Primary",
        "years": 9,
        "reflections": "A whole thought",
    }

    receipt = elsewhere.receipt()
    later = Respondent(practice_survey)
    later.post("withdraw/", {"code": receipt})
    deleted = Html(later.post("withdraw/", {"code": receipt, "confirm": "yes"}))
    assert deleted.first("h1").text.strip() == "Your answers have been deleted"
    assert not Response.objects.exists()
    assert Survey.objects.get(pk=practice_survey.pk).withdrawal_count == 1
