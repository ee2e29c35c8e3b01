"""Seeding the demo survey: create, publish and open it, then add synthetic responses."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from responses.models import Response
from surveys.demo.instrument import DEMO_SLUG, demo_survey_create
from surveys.demo.responses import demo_responses_create
from surveys.models import Survey
from surveys.services import survey_publish

DEFAULT_SEED = 2026


@dataclass(frozen=True)
class DemoSeedResult:
    survey: Survey
    created: bool  # False when the survey was already there and nothing was changed
    complete_count: int
    partial_count: int


def demo_survey_seed(*, reset: bool = False, seed: int = DEFAULT_SEED) -> DemoSeedResult:
    """Create the demo survey with synthetic responses, unless it is already there.

    With `reset`, an existing demo survey is deleted and created again. Everything happens in
    one transaction, so a survey that fails to publish leaves nothing behind.
    """
    with transaction.atomic():
        existing = Survey.objects.filter(slug=DEMO_SLUG).first()
        if existing is not None and not reset:
            return _result(existing, created=False)
        if existing is not None:
            demo_survey_delete(survey=existing)
        survey = demo_survey_create(now=timezone.now())
        survey_publish(survey=survey)
        survey.refresh_from_db()
        survey.status = Survey.Status.OPEN
        survey.save(update_fields=["status"])
        # Seeded, not secret: the same demo data on every machine.
        demo_responses_create(survey=survey, rng=random.Random(seed))  # noqa: S311
        return _result(survey, created=True)


def demo_survey_delete(*, survey: Survey) -> None:
    """Delete the survey with its responses, versions and drafts.

    Responses protect their survey and version from deletion, so they go first.
    """
    Response.objects.filter(survey=survey).delete()
    survey.delete()


def _result(survey: Survey, *, created: bool) -> DemoSeedResult:
    responses = survey.responses.filter(is_test=False)
    return DemoSeedResult(
        survey=survey,
        created=created,
        complete_count=responses.filter(status=Response.Status.COMPLETE).count(),
        partial_count=responses.filter(status=Response.Status.IN_PROGRESS).count(),
    )
