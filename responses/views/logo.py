"""The research organisation's logo, as respondent pages show it in their header."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from surveys.models import Survey

A_DAY = 24 * 60 * 60


@require_GET
def logo(request, slug):
    """Not a respondent view: it says nothing about anyone's answers, so it may be cached
    (its address carries the logo's fingerprint, so a new logo is a new address)."""
    survey = get_object_or_404(Survey.objects.only("organisation_logo"), slug=slug)
    content = bytes(survey.organisation_logo or b"")
    if not content:
        raise Http404
    http_response = HttpResponse(content, content_type="image/png")
    http_response["Cache-Control"] = f"public, max-age={A_DAY}"
    http_response["X-Content-Type-Options"] = "nosniff"
    http_response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return http_response
