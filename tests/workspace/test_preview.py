"""Preview: the draft as respondents see it, through their own templates, storing nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from responses.models import Response

pytestmark = pytest.mark.django_db


def token_of(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def start(client, survey):
    return client.post(reverse("workspace:preview", args=[survey.slug]), follow=True)


def test_the_preview_walks_the_draft_with_its_skip_logic_and_stores_no_response(team, signed_in):
    client = signed_in("editor")
    survey = team.survey

    first = start(client, survey)
    html = first.content.decode()
    assert 'id="page-form"' in html and "Section 1 of 1" in html  # the respondent page template
    assert "Nothing you answer is stored" in html

    to_police = client.post(
        reverse("workspace:preview_page", args=[survey.slug, 1]),
        {"token": token_of(html), "action": "continue", "role": "police", "years": "4"},
    )
    assert to_police["Location"] == reverse("workspace:preview_page", args=[survey.slug, 2])
    second = client.get(to_police["Location"]).content.decode()
    assert "Police work" in second and "Section 1 of 1" in second

    done = client.post(
        reverse("workspace:preview_page", args=[survey.slug, 2]),
        {"token": token_of(second), "action": "continue", "tactics": "Disruption orders"},
        follow=True,
    )
    assert "You reached the end of the preview" in done.content.decode()
    assert "Disruption orders" in done.content.decode()
    assert not Response.objects.exists()


def test_a_respondent_who_is_not_police_skips_the_police_page(team, signed_in):
    client = signed_in("owner")
    html = start(client, team.survey).content.decode()

    response = client.post(
        reverse("workspace:preview_page", args=[team.survey.slug, 1]),
        {"token": token_of(html), "action": "continue", "role": "social_worker"},
        follow=True,
    )

    assert "You reached the end of the preview" in response.content.decode()


def test_a_missing_required_answer_is_reported_as_respondents_see_it(team, signed_in):
    client = signed_in("owner")
    html = start(client, team.survey).content.decode()

    response = client.post(
        reverse("workspace:preview_page", args=[team.survey.slug, 1]),
        {"token": token_of(html), "action": "continue"},
    )

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_post_without_the_preview_token_is_refused(team, signed_in):
    client = signed_in("owner")
    start(client, team.survey)

    response = client.post(
        reverse("workspace:preview_page", args=[team.survey.slug, 1]),
        {"token": "forged", "action": "continue", "role": "police"},
    )

    assert response.status_code == 403


def test_a_draft_that_cannot_be_published_lists_its_problems_instead(team, signed_in):
    team.survey.pages.get(title="Police work").questions.all().delete()

    page = signed_in("owner").get(reverse("workspace:preview", args=[team.survey.slug]))

    assert "Fix these before previewing" in page.content.decode()
    assert "add at least one question" in page.content.decode()
