"""The API beside the browser: a response answered in Chromium and the same answers sent to the
API are stored alike; a researcher makes a token on the API tokens page, uses it and revokes it;
the documentation page shows every operation under the site's Content-Security-Policy."""

from __future__ import annotations

import random

import httpx
import pytest

from api.tokens import token_create
from responses.models import Response
from tests.e2e.conftest import ACTION_TIMEOUT_MS, DEMO_SLUG
from tests.support.browser import assert_accessible
from tests.support.journey import answer_pages_until_check, press_button, start_survey
from tests.support.researchers import PASSWORD, team_with_survey
from tests.support.workspace_browser import follow_link, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# See tests/api/test_submission.py: what differs between a web and an API response by design.
DIFFERENT_BY_DESIGN = {"id", "channel", "receipt_hash", "active_seconds", "duration_seconds"}


def _row(response: Response) -> dict:
    return {
        field.attname: getattr(response, field.attname)
        for field in Response._meta.concrete_fields
        if field.attname not in DIFFERENT_BY_DESIGN
    }


def test_the_demo_answered_in_chromium_and_through_the_api_is_stored_alike(
    live_server, page, demo_survey
):
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    start_survey(page, live_server.url, DEMO_SLUG)
    answer_pages_until_check(page, demo_survey.instrument, random.Random(11))
    press_button(page, "Submit your answers")
    through_browser = demo_survey.responses_from_browser().get()
    team = team_with_survey()
    demo_survey.survey.memberships.create(user=team.editor, role="editor")
    token = token_create(user=team.editor, name="entry", scopes=["submit"]).text

    sent = httpx.post(
        f"{live_server.url}/api/v1/surveys/{DEMO_SLUG}/responses/",
        json={"answers": through_browser.answers},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert sent.status_code == 201, sent.text
    through_api = demo_survey.responses_from_browser().get(channel="api")
    assert through_browser.status == "complete"
    assert _row(through_api) == _row(through_browser)
    assert sent.json()["not_applicable"] == []


def test_a_researcher_makes_a_token_sees_it_once_uses_it_and_revokes_it(live_server, page):
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    team = team_with_survey()
    sign_in(page, live_server.url, team.analyst.email, PASSWORD)
    follow_link(page, "API tokens")
    assert_accessible(page)

    with page.expect_navigation():  # answered with 400 and the form again
        page.get_by_role("button", name="Create token").click()
    assert page.title().startswith("Error:")
    assert_accessible(page)
    page.get_by_label("Name").fill("R analysis")
    page.get_by_label("Read surveys and responses").check()
    page.get_by_label("30 days").check()
    press_button(page, "Create token")
    assert_accessible(page)
    token = page.locator("#new-token").inner_text().strip()
    headers = {"Authorization": f"Bearer {token}"}
    listed = httpx.get(f"{live_server.url}/api/v1/surveys/", headers=headers)
    page.goto(f"{live_server.url}/api-tokens/")  # coming back to the page later

    assert listed.status_code == 200
    assert [s["slug"] for s in listed.json()] == ["team-survey"]
    assert token not in page.content()
    press_button(page, "Revoke R analysis")
    assert httpx.get(f"{live_server.url}/api/v1/surveys/", headers=headers).status_code == 401


def test_the_documentation_page_shows_every_operation_within_the_csp(live_server, page):
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)

    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".opblock").first.wait_for()

    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert {s.replace("\u200b", "") for s in summaries} == {
        "/api/v1/surveys/",
        "/api/v1/surveys/{slug}/",
        "/api/v1/surveys/{slug}/responses/",
        "/api/v1/surveys/{slug}/exports/",
        "/api/v1/exports/{job_id}/",
        "/api/v1/exports/{job_id}/download/",
    }
    assert refused == []
