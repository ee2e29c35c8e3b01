"""No respondent page, action, address or time finer than the hour reaches any log.

First what Django's handler writes, then a whole respondent journey through a real gunicorn
process (its access and error logs included), malformed requests and all.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.db import connection

from config.logs import HOUR, RespondentSafeStreamHandler, respondent_view_context
from responses import ratelimit, services
from responses.services import invitations_create
from tests.responses.conftest import Html, Respondent, a_survey
from tests.support.logs import written_logs
from tests.support.redis_server import free_port
from tests.support.workers import ROOT, database_url

CLIENT = "127.0.0.9"  # the address the journey's requests come from
MARKERS = ["203.0.113.77", "MarkerAgent", "zq7x", CLIENT]
FINE_TIME = re.compile(r"(?<![\d.])\d{1,2}:\d{2}(?!\d)")
RESPONDENT_PATH = re.compile(r"/s/|/static/|GET / |POST / ")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    ratelimit.forget_all()
    yield
    ratelimit.forget_all()


@pytest.fixture
def practice_survey(db):
    return a_survey()


def _assert_nothing_about_respondents(text: str) -> None:
    assert not RESPONDENT_PATH.search(text), RESPONDENT_PATH.search(text)
    for marker in MARKERS:
        assert marker not in text, marker
    assert not FINE_TIME.search(text), FINE_TIME.search(text)


# --- Django's own logs -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_server_error_in_a_respondent_page_is_held_to_the_hour_without_path_or_message(
    practice_survey, monkeypatch
):
    sent = {"name": "Jane Doe", "address": "10 Main Street"}

    def fails(**kwargs):
        # Like a real error, its message holds what was sent; its source line does not.
        raise RuntimeError(f"{sent['name']}, {sent['address']}, answered 'weekly'")

    monkeypatch.setattr(services, "response_submit", fails)
    person = Respondent(practice_survey, raise_errors=False)
    person.start()
    person.answer(1, {"role": "teacher"})
    person.answer(3, {"years": "4"})

    with written_logs() as written:
        assert person.submit().status_code == 500
        before_the_hour = written.getvalue()
    flushed = written.getvalue()

    assert "Internal Server Error" not in before_the_hour
    assert "ERROR django.request Internal Server Error: [respondent page]" in flushed
    assert "builtins.RuntimeError (message withheld)" in flushed
    assert 'File "' in flushed and "fails" in flushed  # the frames are kept
    assert "Jane Doe" not in flushed and "Main Street" not in flushed
    _assert_nothing_about_respondents(flushed)


@pytest.mark.django_db
def test_repeated_respondent_warnings_are_written_once_at_the_hour_with_a_count(practice_survey):
    person = Respondent(practice_survey, raise_errors=False)
    person.start()

    with written_logs() as written:
        for _ in range(3):
            person.answer(1, {"role": "teacher"}, token="forged")
        assert written.getvalue() == ""

    assert written.getvalue().splitlines() == [
        "WARNING django.request Bad Request: [respondent page] (3 times this hour)"
    ]


@pytest.mark.django_db
def test_routine_respondent_lines_below_warning_are_not_written(practice_survey):
    with written_logs() as written:
        with respondent_view_context():
            logging.getLogger("responses.views").info("someone saved page 2")
            logging.getLogger("django.template").debug("rendered page 2")
        person = Respondent(practice_survey)
        person.get()

    assert written.getvalue() == ""


def test_a_line_about_anything_else_is_written_at_once():
    with written_logs() as written:
        logging.getLogger("exports.tasks").warning("Export 12 failed: disk full")
        written_at_once = written.getvalue()

    assert written_at_once == "WARNING exports.tasks Export 12 failed: disk full\n"


def test_held_lines_are_written_when_the_clock_reaches_the_next_full_hour():
    handler = RespondentSafeStreamHandler()
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: /s/x/p/9/", None, None
    )
    record.created = 7 * HOUR + 1234.5

    handler.emit(record)

    assert 0 < handler._timer.interval <= HOUR
    assert round((time.time() + handler._timer.interval) % HOUR) in {0, HOUR}
    [(held, count)] = handler._held.values()
    assert (held.created, held.msecs, held.getMessage(), count) == (
        7 * HOUR,
        0.0,
        "Not Found: [respondent page]",
        1,
    )
    handler.flush_held()
    assert handler._timer is None


# --- a real gunicorn -------------------------------------------------------------------------


class Gunicorn:
    """gunicorn with Candour's configuration, on a free port, logging to files."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.stdout = (tmp_path / "stdout.log").open("wb")
        self.stderr = (tmp_path / "stderr.log").open("wb")
        self.paths = (tmp_path / "stdout.log", tmp_path / "stderr.log")
        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "CANDOUR_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
            "WEB_THREADS": "2",
            "LOG_LEVEL": "DEBUG",
        }
        command = [sys.executable, "-m", "gunicorn", "--config", "python:config.gunicorn"]
        self.process = subprocess.Popen(
            [*command, "config.wsgi"], cwd=ROOT, env=env, stdout=self.stdout, stderr=self.stderr
        )
        self._wait_until_listening()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start:\n{self.stop()}")

    def stop(self) -> str:
        """Stop gracefully (workers write what they hold) and return everything logged."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.stdout.close()
        self.stderr.close()
        return "\n".join(path.read_text(errors="replace") for path in self.paths)


def _client(gunicorn: Gunicorn) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=CLIENT)
    headers = {"User-Agent": "MarkerAgent/9.9 zq7x", "X-Forwarded-For": "203.0.113.77"}
    # Generous: a loaded two-core machine running other tests can be slow to answer.
    return httpx.Client(base_url=gunicorn.url, transport=transport, headers=headers, timeout=30)


def _send_raw(gunicorn: Gunicorn, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", gunicorn.port), source_address=(CLIENT, 0)) as s:
        s.sendall(request)
        s.settimeout(10)
        return s.recv(65536)


def _hidden(page: httpx.Response) -> dict:
    html = Html(page)
    return {name: html.first("input", name=name).attrs["value"] for name in ("token", "shown")}


def _journey(gunicorn: Gunicorn, slug: str, invited_slug: str, invitation: str) -> None:
    with _client(gunicorn) as browser:
        assert browser.get("/").status_code == 200
        assert browser.get(f"/s/{slug}/").status_code == 200
        browser.get("/static/js/js-enabled.js")  # not collected here: a 404, logged or not
        page = browser.post(f"/s/{slug}/start/", follow_redirects=True)
        forged = browser.post(str(page.url.path), data={"token": "forged", "action": "continue"})
        assert forged.status_code == 400
        save = browser.post(
            str(page.url.path), data={**_hidden(page), "action": "save", "role": "teacher"}
        )
        code = Html(browser.get(save.headers["location"])).code()
    with _client(gunicorn) as other:
        page = other.post(f"/s/{slug}/resume/", data={"code": code}, follow_redirects=True)
        page = other.post(
            str(page.url.path),
            data={**_hidden(page), "action": "continue", "role": "teacher"},
            follow_redirects=True,
        )
        page = other.post(
            str(page.url.path),
            data={**_hidden(page), "action": "continue", "years": "4"},
            follow_redirects=True,
        )
        done = other.post(f"/s/{slug}/submit/", data=_hidden_token(page), follow_redirects=True)
        receipt = Html(done).code()
        assert other.post(f"/s/{slug}/follow-up/", data={"contact": "v@example.org"}).is_success
        other.post(f"/s/{slug}/withdraw/", data={"code": receipt, "confirm": "yes"})
        assert other.get("/s/no-such-survey/").status_code == 404
        assert other.post(f"/s/{slug}/resume/", headers={"Origin": "https://x"}).status_code == 403
    with _client(gunicorn) as invited:
        started = invited.post(f"/s/{invited_slug}/start/", data={"code": invitation})
        assert started.status_code == 302
        assert invited.get("/healthz").status_code == 200


def _hidden_token(page: httpx.Response) -> dict:
    return {"token": Html(page).first("input", name="token").attrs["value"]}


def _malformed(gunicorn: Gunicorn, slug: str) -> None:
    big_cookie = b"Cookie: candour_response=" + b"x" * 9000 + b"\r\n"
    requests = [
        b"GET /s/" + slug.encode() + b"/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big_cookie + b"\r\n",
        b"GET /s/" + slug.encode() + b"/" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"NONSENSE\r\n\r\n",
        b"GET /s/" + slug.encode() + b"/ HTTP/1.1\r\nHo st: x\r\n\r\n",
    ]
    for request in requests:
        assert _send_raw(gunicorn, request).startswith(b"HTTP/1.1 4")


@pytest.mark.django_db(transaction=True)
def test_a_whole_respondent_journey_through_gunicorn_leaves_no_trace_in_its_logs(tmp_path):
    survey = a_survey(followup_enabled=True)
    invited = a_survey(slug="invited", invitation_only=True)
    [invitation] = invitations_create(survey=invited, count=1)
    gunicorn = Gunicorn(tmp_path)
    try:
        _journey(gunicorn, survey.slug, invited.slug, invitation)
        _malformed(gunicorn, survey.slug)
    finally:
        logged = gunicorn.stop()

    assert "Booting worker" in logged  # the logs were captured
    assert "GET /healthz 200" in logged  # and the access log writes other requests
    assert "Invalid request from ip=[address]" in logged  # held, then written on exit
    _assert_nothing_about_respondents(logged)
