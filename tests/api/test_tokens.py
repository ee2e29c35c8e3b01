"""Personal API tokens: made in the workspace or by `manage.py create_api_token`, shown once,
stored only as a keyed hash, revocable, expiring, scoped, audited at every use and rate limited
per token (still working when the cache is unreachable)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from api.models import ApiToken
from audit.models import AuditEvent
from tests.responses.conftest import database_text

TOKEN = re.compile(r"cdr_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_researcher_makes_a_token_that_is_shown_once_and_stored_hashed(team):
    browser = _signed_in(team.analyst)

    made = browser.post(
        "/api-tokens/", {"name": "R script", "scopes": ["read", "export"], "days": "30"}
    )

    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    text = TOKEN.search(made.content.decode()).group(0)
    token = ApiToken.objects.get(user=team.analyst)
    assert (token.name, token.scopes) == ("R script", ["read", "export"])
    secret = text.split("_", 2)[2]
    assert secret not in database_text()
    assert TOKEN.search(browser.get("/api-tokens/").content.decode()) is None
    used = Client().get("/api/v1/surveys/", headers={"Authorization": f"Bearer {text}"})
    assert used.status_code == 200


def test_the_form_explains_what_is_missing(team):
    answer = _signed_in(team.owner).post("/api-tokens/", {"name": "", "days": "30"})

    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Enter a name for the token" in page
    assert "Select at least one thing the token may do" in page
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_and_is_audited(team, api, tokens):
    token = ApiToken.objects.get(user=team.editor)

    answer = _signed_in(team.editor).post(f"/api-tokens/{token.pk}/revoke/")

    assert answer.status_code == 302
    assert api("editor").get("/api/v1/surveys/").status_code == 401
    assert AuditEvent.objects.filter(
        action="token.revoked", actor=team.editor, detail__token=token.prefix
    ).exists()


def test_nobody_can_revoke_someone_elses_token(team, tokens):
    theirs = ApiToken.objects.get(user=team.owner)

    answer = _signed_in(team.stranger).post(f"/api-tokens/{theirs.pk}/revoke/")

    assert answer.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_command_prints_a_working_token(team):
    out, err = StringIO(), StringIO()

    call_command(
        "create_api_token",
        "--user", "carol@example.org", "--scope", "read,export", "--days", "7",
        stdout=out, stderr=err,
    )  # fmt: skip

    text = out.getvalue().strip()
    assert TOKEN.fullmatch(text)
    token = ApiToken.objects.get(user=team.analyst)
    assert token.scopes == ["read", "export"]
    assert (token.expires_at - token.created_at).days == 7
    assert "shown only now" in err.getvalue()
    used = Client().get("/api/v1/surveys/team-survey/", headers={"Authorization": f"Bearer {text}"})
    assert used.status_code == 200


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--user", "nobody@example.org", "--scope", "read"], "No active account"),
        (["--user", "carol@example.org", "--scope", "read,delete"], "not delete"),
        (["--user", "carol@example.org", "--scope", "read", "--days", "0"], "--days"),
    ],
)
def test_the_command_refuses_what_it_cannot_do(team, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", *arguments, stdout=StringIO(), stderr=StringIO())


def test_every_use_is_audited_with_the_survey_and_endpoint(api, team, tokens):
    api("analyst").get("/api/v1/surveys/team-survey/responses/")
    api("analyst").get("/api/v1/surveys/")

    uses = AuditEvent.objects.filter(action="token.used", actor=team.analyst).order_by("id")
    assert [(e.survey_label, e.detail["endpoint"], e.detail["method"]) for e in uses] == [
        ("team-survey", "api:survey_responses", "GET"),
        ("", "api:survey_list", "GET"),
    ]
    token = ApiToken.objects.get(user=team.analyst)
    assert {e.detail["token"] for e in uses} == {token.prefix}
    assert token.last_used_on is not None


@override_settings(CANDOUR_API_REQUESTS_PER_MINUTE=3)
def test_each_token_has_its_own_rate_limit(api):
    statuses = [api("owner").get("/api/v1/surveys/").status_code for _ in range(4)]
    limited = api("owner").get("/api/v1/surveys/")

    assert statuses == [200, 200, 200, 429]
    assert limited.json()["code"] == "throttled"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert api("analyst").get("/api/v1/surveys/").status_code == 200


def test_the_api_works_when_the_rate_limit_cache_is_unreachable(api, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.CANDOUR_API_REQUESTS_PER_MINUTE = 1

    statuses = [api("owner").get("/api/v1/surveys/").status_code for _ in range(2)]

    assert statuses == [200, 200]
