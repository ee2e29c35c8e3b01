"""GET /api/v1/surveys/{slug}/responses/: owners and analysts page through responses with an
opaque cursor, filtered by status and submission date, answers keyed by code — and nothing that
could identify a respondent: no internal id, no time finer than the survey keeps."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from api.selectors import public_response_id
from responses.models import Response

URL = "/api/v1/surveys/team-survey/responses/"


def _response(team, *, status="complete", on=date(2026, 3, 14), answers=None):
    complete = status == "complete"
    return Response.objects.create(
        survey=team.survey,
        version=team.survey.current_version,
        status=status,
        answers=answers or {"role": "police"},
        started_on=on,
        submitted_at=timezone.make_aware(datetime(on.year, on.month, on.day)) if complete else None,
    )


def test_pages_follow_the_cursor_until_every_response_is_seen_once(api, team):
    made = {public_response_id(_response(team).id) for _ in range(7)}
    client = api("analyst")

    seen, url, pages = [], f"{URL}?page_size=3", 0
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url, pages = page["next"], pages + 1

    assert pages == 3
    assert sorted(seen) == sorted(made)


def test_filters_by_status_and_submission_date(api, team):
    _response(team, on=date(2026, 3, 1))
    march = _response(team, on=date(2026, 3, 20))
    _response(team, on=date(2026, 4, 2))
    _response(team, status="in_progress")
    client = api("owner")

    unfinished = client.get(f"{URL}?status=in_progress").json()["results"]
    late_march = client.get(f"{URL}?submitted_from=2026-03-10&submitted_to=2026-03-31").json()

    assert [row["status"] for row in unfinished] == ["in_progress"]
    assert [row["id"] for row in late_march["results"]] == [public_response_id(march.id)]


def test_a_row_holds_answers_by_code_and_only_coarse_metadata(api, team):
    response = _response(team, answers={"role": "police", "years": 9})

    row = api("owner").get(URL).json()["results"][0]

    assert row == {
        "id": public_response_id(response.id),
        "status": "complete",
        "version": 1,
        "channel": "web",
        "is_test": False,
        "started_on": "2026-03-14",
        "submitted_at": "2026-03-14T00:00:00Z",
        "answers": {"role": "police", "years": 9},
    }


def test_the_internal_id_never_leaves_not_even_inside_the_cursor(api, team):
    responses = [_response(team) for _ in range(3)]
    page = api("owner").get(f"{URL}?page_size=1")

    text = page.content.decode()
    assert page.json()["next"]
    for response in responses:
        assert str(response.id) not in text
        assert response.id.hex not in text


def test_a_tampered_cursor_is_a_400(api, team):
    answer = api("owner").get(f"{URL}?cursor=not-a-cursor")

    assert answer.status_code == 400
    assert answer.json()["code"] == "cursor_invalid"


def test_bad_filters_are_named(api, team):
    answer = api("owner").get(f"{URL}?status=done&submitted_from=March&page_size=0")

    assert answer.status_code == 400
    assert set(answer.json()["details"]) == {"status", "submitted_from", "page_size"}


def test_answers_are_never_cached(api, team):
    assert api("owner").get(URL)["Cache-Control"] == "no-store"
