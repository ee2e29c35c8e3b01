"""Where one request's time goes: CPU per request on the like-for-like instrument, then its profile.

    .venv/bin/python -m bench.profile_page [--request view|save|api] [--times 100] [--limit 60]

In a database of its own, on the like-for-like instrument (bench.instruments), through Django's
test client: `view` shows the first page (10 questions) to one respondent; `save` posts that
page's answers (the question types' own sample answers) and follows nothing; `api` posts one
whole response to the REST API with an editor's token, as `make bench`'s api scenario does.
Each request is made ten times untimed (templates compiled, the instrument cached), `--times`
times timed by this process's CPU clock (printed as "ms CPU per request"), then as many times
again under cProfile, whose functions it prints by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import sys
import time
import uuid
from collections.abc import Callable
from urllib.parse import urlencode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--request", choices=("view", "save", "api"), default="view")
    parser.add_argument("--times", "--views", type=int, default=100, dest="times")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--sort", default="cumulative")
    options = parser.parse_args(argv)

    from bench.respondent_journey import database_of_its_own

    with database_of_its_own():
        from bench.instruments import like_for_like_survey
        from responses import ratelimit

        ratelimit.forget_all()
        survey = like_for_like_survey()
        request, label = REQUESTS[options.request](survey)
        for _ in range(10):
            request()
        started = time.process_time()
        for _ in range(options.times):
            request()
        cpu_ms = (time.process_time() - started) * 1000 / options.times
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(options.times):
            request()
        profiler.disable()
    print(f"{cpu_ms:.1f} ms CPU per request ({options.times} × {label}, no profiler)")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(options.sort).print_stats(
        options.limit
    )
    print(out.getvalue())
    return 0


def _page_view(survey) -> tuple[Callable[[], None], str]:
    client, page = _respondent(survey)
    return lambda: _expect(client.get(page), 200), f"GET {page}"


def _page_save(survey) -> tuple[Callable[[], None], str]:
    from bench.scenarios.respondents import HIDDEN

    client, page = _respondent(survey)
    rng = random.Random(5)  # noqa: S311 - sample answers
    hidden = dict(HIDDEN.findall(client.get(page).content.decode()))
    data = hidden | _sample_posts(survey, 0, rng) | {"action": "continue"}
    body = urlencode(data, doseq=True)  # as browsers post it (the test client would use multipart)
    form = "application/x-www-form-urlencoded"
    return (
        lambda: _expect(client.post(page, body, content_type=form), 302),
        f"POST {page} (continue)",
    )


def _api_submission(survey) -> tuple[Callable[[], None], str]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from api.tokens import token_create
    from surveys.models import SurveyMembership
    from surveys.relevance import prune
    from surveys.schema import instrument_for_version

    user = get_user_model().objects.create_user("profile-api", "profile-api@example.org", None)
    SurveyMembership.objects.create(survey=survey, user=user, role=SurveyMembership.Role.EDITOR)
    token = token_create(user=user, name="profile", scopes=["submit"]).text
    instrument = instrument_for_version(survey.current_version)
    rng = random.Random(5)  # noqa: S311 - sample answers
    answers: dict = {}
    for question in instrument.questions():
        if question.kind.has_answer:
            answers |= question.kind.sample_answers(question, rng)
    body = json.dumps({"answers": prune(instrument, answers)}, default=str)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    path = f"/api/v1/surveys/{survey.slug}/responses/"

    def submit() -> None:
        key = uuid.uuid4().hex
        reply = client.post(path, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
        _expect(reply, 201)

    return submit, f"POST {path}"


def _respondent(survey):
    from django.test import Client

    client = Client(REMOTE_ADDR="10.9.9.9")
    page = client.post(f"/s/{survey.slug}/start/")["Location"]
    return client, page


def _sample_posts(survey, page_index: int, rng: random.Random) -> dict[str, list[str]]:
    """What a browser posts for the page's questions: their sample answers as form values."""
    from surveys.question_types import field_name
    from surveys.schema import instrument_for_version

    instrument = instrument_for_version(survey.current_version)
    posts: dict[str, list[str]] = {}
    for question in instrument.pages[page_index].questions:
        if not question.kind.has_answer:
            continue
        answers = question.kind.sample_answers(question, rng)
        for suffix, value in question.kind.initial(question, answers).items():
            values = value if isinstance(value, list | tuple) else [value]
            posts[field_name(question, suffix)] = [str(v) for v in values if v is not None]
    return posts


def _expect(reply, status: int) -> None:
    if reply.status_code != status:
        raise RuntimeError(f"{reply.request['PATH_INFO']} answered {reply.status_code}")


REQUESTS = {"view": _page_view, "save": _page_save, "api": _api_submission}


if __name__ == "__main__":
    sys.exit(main())
