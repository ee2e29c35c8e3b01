"""What respondent pages show of the research organisation: its logo's address, support lines."""

from django import template
from django.urls import reverse

from responses.journey import survey_url as _survey_url

register = template.Library()


@register.filter
def logo_url(survey) -> str:
    """The address of the survey's logo, with its fingerprint (empty when it has none)."""
    version = survey.organisation_logo_version
    if not version:
        return ""
    return f"{reverse('responses:logo', args=[survey.slug])}?v={version}"


@register.filter
def survey_url(survey, name: str) -> str:
    """`{{ survey|survey_url:"privacy" }}`: the address of a respondent view of the survey,
    worked out once per process (responses.journey.survey_url) rather than on every render."""
    return _survey_url(survey.slug, name)


@register.filter
def lines(text: str) -> list[str]:
    """The non-empty lines of a text a researcher typed, one item each."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
