"""Reads that check who may see what. The only place survey access is decided."""

from django.http import Http404

from surveys.models import Survey, SurveyMembership


def survey_for_member(*, user, slug: str, roles: tuple[str, ...]) -> Survey:
    """The survey if `user` holds one of `roles` on it; 404 otherwise (never 403: a survey a
    person may not see does not exist for them)."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        SurveyMembership.objects.select_related("survey")
        .filter(survey__slug=slug, user=user, role__in=roles)
        .first()
    )
    if membership is None:
        raise Http404
    return membership.survey


OWNER_ONLY = (SurveyMembership.Role.OWNER,)
