"""The demo researcher `make run` prints: an owner of the demo survey, for trying Candour out."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from surveys.demo import DEMO_SLUG
from surveys.models import Survey, SurveyMembership

DEMO_EMAIL = "researcher@candour.localhost"


@dataclass(frozen=True)
class DemoResearcher:
    email: str
    password: str
    owns_demo_survey: bool


def demo_researcher_seed() -> DemoResearcher:
    """Create the demo researcher, or give it a new password; make it owner of the demo survey.

    The password is new each time and only ever printed: there is no default password to leak.
    """
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user, _created = get_user_model().objects.get_or_create(
            username="demo-researcher", defaults={"email": DEMO_EMAIL}
        )
        user.email = DEMO_EMAIL
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_EMAIL, defaults={"verified": True, "primary": True}
        )
        survey = Survey.objects.filter(slug=DEMO_SLUG).first()
        if survey is not None:
            SurveyMembership.objects.update_or_create(
                survey=survey, user=user, defaults={"role": SurveyMembership.Role.OWNER}
            )
    return DemoResearcher(email=DEMO_EMAIL, password=password, owns_demo_survey=survey is not None)
