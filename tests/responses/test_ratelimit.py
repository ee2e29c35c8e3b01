"""Rate limits count atomically in true windows, on the file cache and on a real Redis, with keys
that say nothing about an address once their window is over."""

import hashlib
import hmac
import json
import os
import socket
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as settings_module
from django.core.cache import caches
from django.test import RequestFactory

from responses import counters as counters_module
from responses import ratelimit
from responses.counters import FileCounters, Window, counters
from responses.models import Response
from tests.responses.conftest import Html, Respondent, a_survey, at_the_same_time

LIMIT = 10
WINDOW = 900
# A moment 10 seconds into a window, so a test has the whole window ahead of it.
WINDOW_START = (2_000_000_000 // WINDOW + 1) * WINDOW


@pytest.fixture(params=["file", "redis"])
def cache_backend(request, settings, tmp_path):
    """The rate limits' cache: a file cache of the test's own, or a Redis server of its own."""
    if request.param == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": tmp_path / "cache",
            }
        }
    else:
        _server, url = request.getfixturevalue("private_redis")
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
    yield request.param
    ratelimit.forget_all()


def _request(address: str = "192.0.2.10", **meta):
    return RequestFactory().post("/s/practice/resume/", REMOTE_ADDR=address, **meta)


def _attempt(request) -> bool:
    return ratelimit.allow(request, "resume", limit=LIMIT, window_seconds=WINDOW)


def test_sixty_attempts_at_the_same_moment_let_exactly_the_limit_through(cache_backend):
    request = _request()

    allowed = at_the_same_time(*([lambda: _attempt(request)] * 60))

    assert allowed.count(True) == LIMIT


def test_a_window_is_a_true_window_not_a_bucket_that_lives_on_while_it_is_used(cache_backend):
    request = _request()
    with time_machine.travel(WINDOW_START + 10, tick=False) as clock:
        assert [_attempt(request) for _ in range(LIMIT)] == [True] * LIMIT
        clock.move_to(WINDOW_START + WINDOW - 1)
        assert _attempt(request) is False  # tried again a second before the end: still refused
        clock.move_to(WINDOW_START + WINDOW)
        assert _attempt(request) is True  # a new window, whatever the last try was


def test_each_client_network_has_its_own_count_and_ipv6_counts_by_slash_64(cache_backend):
    with time_machine.travel(WINDOW_START + 10, tick=False):
        for suffix in range(LIMIT):
            assert _attempt(_request(f"2001:db8:1:2::{suffix + 1:x}"))
        assert not _attempt(_request("2001:db8:1:2:ffff:ffff:ffff:ffff"))  # the same /64
        assert _attempt(_request("2001:db8:1:3::1"))  # another /64
        assert _attempt(_request("192.0.2.99"))


def test_an_address_named_in_x_forwarded_for_counts_only_from_a_trusted_proxy(
    cache_backend, settings
):
    settings.CANDOUR_TRUSTED_PROXIES = 1
    settings.CANDOUR_PROXY_ADDRESSES = ["10.0.0.5"]
    with time_machine.travel(WINDOW_START + 10, tick=False):
        spoofed = [
            _attempt(_request("198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"))
            for n in range(300)
        ]
        via_proxy = [
            _attempt(_request("10.0.0.5", HTTP_X_FORWARDED_FOR=f"evil, 203.0.113.{n}"))
            for n in range(20)
        ]

    assert spoofed.count(True) == LIMIT
    assert via_proxy == [True] * 20


def test_keys_change_every_window_and_do_not_come_from_the_secret_key(cache_backend, settings):
    with time_machine.travel(WINDOW_START + 10, tick=False) as clock:
        _attempt(_request())
        first = _stored_names()
        clock.move_to(WINDOW_START + WINDOW + 10)
        _attempt(_request())
        second = _stored_names() - first

    assert first and second
    digests = {name.rsplit(":", 1)[-1] for name in first | second if "resume:" in name}
    assert len(digests) == 2
    for window in (WINDOW_START // WINDOW, WINDOW_START // WINDOW + 1):
        for text in (f"ratelimit.resume.{window}.192.0.2.10", "resume|192.0.2.10"):
            keyed = hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256)
            assert keyed.hexdigest()[:32] not in digests


def test_once_a_window_is_over_its_salt_and_counts_are_gone(cache_backend):
    with time_machine.travel(WINDOW_START + 10, tick=False) as clock:
        _attempt(_request())
        window = Window.now(WINDOW)
        salt = counters().salt(window)
        if cache_backend == "redis":
            # Redis keeps its own clock, which the test cannot move: every key of the window
            # is set to expire at the window's end, to the millisecond.
            client = caches["default"]._cache.get_client()
            keys = list(client.scan_iter(match="*rl:*"))
            assert len(keys) == 2  # the salt and one count
            assert {client.pexpiretime(key) for key in keys} == {window.end * 1000}
            return
        clock.move_to(WINDOW_START + WINDOW + 10)
        ratelimit.forget_expired()
        assert _stored_values() == []
        assert counters().salt(window) != salt  # asked again, a new one: nothing to test against


def test_file_counts_of_ended_windows_are_deleted_and_keep_only_their_window_start(
    settings, tmp_path
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "cache",
        }
    }
    folder = tmp_path / "cache" / "ratelimit"
    with time_machine.travel(WINDOW_START + 10, tick=False) as clock:
        _attempt(_request())
        [path] = folder.glob("window-*.json")
        assert os.stat(path).st_mtime == WINDOW_START  # no finer time than the window
        clock.move_to(WINDOW_START + WINDOW + 10)
        FileCounters(folder).forget_expired()
        assert not path.exists()


# --- starting --------------------------------------------------------------------------------


def test_starts_beyond_the_hourly_allowance_of_a_survey_are_refused_without_addresses(settings, db):
    settings.CANDOUR_SURVEY_STARTS_PER_HOUR = 3
    survey = a_survey()
    people = [Respondent(survey, REMOTE_ADDR=f"192.0.2.{n + 1}") for n in range(4)]

    statuses = [person.post("start/").status_code for person in people]

    assert statuses == [302, 302, 302, 429]
    assert Response.objects.count() == 3
    busy = Html(people[3].post("start/"))
    assert busy.first("h1").text.strip() == "Try again later"
    assert "started very many times in the last hour" in busy.text


def test_starts_from_one_network_beyond_the_hourly_allowance_are_refused(db):
    survey = a_survey()
    person = Respondent(survey, REMOTE_ADDR="192.0.2.50")

    statuses = [person.post("start/").status_code for _ in range(ratelimit.CLIENT_STARTS_PER_HOUR)]
    refused = person.post("start/")

    assert set(statuses) == {302}
    assert refused.status_code == 429
    assert "from your network" in Html(refused).text
    assert Respondent(survey, REMOTE_ADDR="192.0.2.51").post("start/").status_code == 302


def _folder() -> Path:
    return Path(settings_module.CACHES["default"]["LOCATION"]) / "ratelimit"


def _stored_names() -> set[str]:
    cache = caches["default"]
    if hasattr(cache, "_cache"):  # Redis
        client = cache._cache.get_client()
        return {key.decode() for key in client.scan_iter(match="*rl:*")}
    names = set()
    for path in _folder().glob("window-*.json"):
        names |= set(json.loads(path.read_text())["counts"])
    return names


def _stored_values() -> list[bytes]:
    return [path.read_bytes() for path in _folder().glob("window-*")]


def _connections_made(server: socket.socket) -> int:
    """How many connections reached `server` (which never answers) since last asked."""
    server.setblocking(False)
    made = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return made
        connection.close()
        made += 1


def test_a_cache_that_stops_answering_is_left_alone_for_a_while(settings):
    silent = socket.create_server(("127.0.0.1", 0))  # accepts connections, never replies
    location = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    try:
        first = _attempt(_request())
        tried_first = _connections_made(silent)
        second = _attempt(_request())
        tried_second = _connections_made(silent)
    finally:
        silent.close()
        counters_module._unreachable_until.pop(location, None)

    assert first is True and second is True  # a respondent is never refused for it
    assert tried_first >= 1
    assert tried_second == 0  # not asked again within RETRY_AFTER_SECONDS
