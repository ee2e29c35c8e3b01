"""The publish page shows the methodological warnings (surveys.advice); they never block."""

from __future__ import annotations

import pytest
from django.urls import reverse

from surveys.models import Question, Survey

pytestmark = pytest.mark.django_db


def test_the_publish_page_shows_the_warnings_and_publishing_still_goes_ahead(team, signed_in):
    Question.objects.filter(page__survey=team.survey).update(label="Your role (optional)")
    client = signed_in("editor")
    url = reverse("workspace:publish", args=[team.survey.slug])

    page = client.get(url).content.decode()
    assert "You can publish, but check these first:" in page
    assert "the label says ‘(optional)’" in page

    published = client.post(url, follow=True)
    assert Survey.objects.get(pk=team.survey.pk).current_version is not None
    shown = [str(message) for message in published.context["messages"]]
    assert any("Published version" in message for message in shown)
    assert any("the label says ‘(optional)’" in message for message in shown)
