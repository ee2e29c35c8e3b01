"""`Idempotency-Key` on submissions: a retried request never stores a second response.

The same key and body replay the first result; the same key with another body is 422; while the
first request is still being processed, 409. Fifty simultaneous requests with one key, against a
real server and PostgreSQL, store exactly one response.
"""

from __future__ import annotations

import threading
from unittest import mock

import httpx
import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import IntegrityError
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from api import views
from api.models import IdempotencyRecord
from api.tokens import token_create
from responses.models import Response
from surveys.models import Survey
from surveys.services import survey_publish
from tests.support.researchers import team_with_survey

URL = "/api/v1/surveys/team-survey/responses/"
BODY = {"answers": {"role": "police", "years": 7}}


def test_the_same_key_and_body_replay_the_first_result(api, team):
    client = api("owner")
    first = client.post(URL, BODY, headers={"Idempotency-Key": "paper-0001"})
    again = client.post(URL, BODY, headers={"Idempotency-Key": "paper-0001"})

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Response.objects.count() == 1


def test_a_replay_ignores_the_order_of_keys_in_the_body(api, team):
    client = api("owner")
    client.post(URL, {"answers": {"role": "police", "years": 7}}, headers={"Idempotency-Key": "k"})
    again = client.post(
        URL, {"answers": {"years": 7, "role": "police"}}, headers={"Idempotency-Key": "k"}
    )

    assert again.status_code == 201
    assert Response.objects.count() == 1


def test_the_same_key_with_a_different_body_is_422(api, team):
    client = api("owner")
    client.post(URL, BODY, headers={"Idempotency-Key": "paper-0002"})

    other = client.post(
        URL, {"answers": {"role": "teacher"}}, headers={"Idempotency-Key": "paper-0002"}
    )

    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Response.objects.count() == 1


def test_a_key_whose_first_request_is_still_in_flight_is_409(api, team):
    client = api("owner")
    first = client.post(URL, BODY, headers={"Idempotency-Key": "paper-0003"})
    record = IdempotencyRecord.objects.get(key="paper-0003")
    # The state a request is in between claiming its key and finishing.
    IdempotencyRecord.objects.filter(pk=record.pk).update(state="in_flight", body=None)

    during = client.post(URL, BODY, headers={"Idempotency-Key": "paper-0003"})

    assert first.status_code == 201
    assert during.status_code == 409
    assert during.json()["code"] == "idempotency_key_in_flight"
    assert Response.objects.count() == 1


def test_an_invalid_response_does_not_spend_its_key(api, team):
    client = api("owner")
    bad = {"answers": {"years": 7}}
    first = client.post(URL, bad, headers={"Idempotency-Key": "paper-0004"})
    again = client.post(URL, bad, headers={"Idempotency-Key": "paper-0004"})
    fixed = client.post(URL, BODY, headers={"Idempotency-Key": "paper-0004"})

    assert (first.status_code, again.status_code) == (400, 400)
    assert again.json() == first.json()
    assert fixed.status_code == 201
    assert Response.objects.count() == 1


def test_the_response_and_its_keys_result_are_stored_together(api, team):
    answer = api("owner").post(URL, BODY, headers={"Idempotency-Key": "paper-0005"})

    assert answer.status_code == 201
    record = IdempotencyRecord.objects.get(key="paper-0005")
    stored = Response.objects.get()
    assert (record.state, record.status_code, record.body) == ("done", 201, answer.json())
    assert (stored.status, stored.channel, stored.answers) == ("complete", "api", BODY["answers"])
    assert stored.survey == team.survey and stored.version == team.survey.current_version


def test_a_keyed_response_is_stored_as_one_without_a_key(api, team):
    client = api("owner")
    client.post(URL, BODY, headers={"Idempotency-Key": "paper-0006"})
    client.post(URL, BODY)

    first, second = (_row(response) for response in Response.objects.all())

    assert first == second


def _row(response: Response) -> dict:
    return {
        field.attname: getattr(response, field.attname)
        for field in Response._meta.concrete_fields
        if field.attname != "id"
    }


def test_a_failure_storing_the_response_stores_nothing_and_gives_the_key_back(api, team):
    client = api("owner")
    real = views.response_prepare_complete

    def unstorable(**kwargs):
        response, validated = real(**kwargs)
        response.current_page = -1  # the database's own check refuses it
        return response, validated

    with (
        mock.patch.object(views, "response_prepare_complete", unstorable),
        pytest.raises(IntegrityError),
    ):
        client.post(URL, BODY, headers={"Idempotency-Key": "paper-0007"})

    assert not Response.objects.exists()
    assert not IdempotencyRecord.objects.exists()
    retried = client.post(URL, BODY, headers={"Idempotency-Key": "paper-0007"})
    assert retried.status_code == 201
    assert Response.objects.count() == 1


def test_keys_belong_to_one_researcher(api, team):
    api("owner").post(URL, BODY, headers={"Idempotency-Key": "shared-name"})

    theirs = api("editor").post(URL, BODY, headers={"Idempotency-Key": "shared-name"})

    assert theirs.status_code == 201
    assert Response.objects.count() == 2


def test_an_overlong_key_is_refused(api, team):
    answer = api("owner").post(URL, BODY, headers={"Idempotency-Key": "k" * 256})

    assert answer.status_code == 400
    assert answer.json()["code"] == "idempotency_key_invalid"


class _ListeningServer(ThreadedWSGIServer):
    # Room for fifty connections at once, as gunicorn has (its backlog is 2048); Django's test
    # server otherwise queues five and resets the rest before they reach the application.
    request_queue_size = 128


class _ServerThread(LiveServerThread):
    server_class = _ListeningServer


@pytest.fixture
def server_for_fifty(transactional_db):
    thread = _ServerThread("localhost", _StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


def test_fifty_simultaneous_posts_with_one_key_store_one_response(server_for_fifty):
    team = team_with_survey()
    survey_publish(survey=team.survey)
    Survey.objects.filter(pk=team.survey.pk).update(status=Survey.Status.OPEN)
    token = token_create(user=team.owner, name="bulk", scopes=["submit"]).text
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "one-questionnaire"}
    barrier = threading.Barrier(50)
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def post():
        with httpx.Client(base_url=server_for_fifty, timeout=60) as client:
            barrier.wait(timeout=30)
            answer = client.post(URL, json=BODY, headers=headers)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=post) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = sorted(answer.status_code for answer in answers)
    assert len(answers) == 50
    assert set(statuses) <= {201, 409}, statuses
    assert statuses.count(201) >= 1
    assert Response.objects.count() == 1
    stored_id = {a.json()["id"] for a in answers if a.status_code == 201}
    assert len(stored_id) == 1  # every 201 is the one response, first or replayed
