"""Distribute: the public link and its QR code, and invitation codes (owners and editors).

New codes are shown in the response to the POST that makes them, and offered once as a CSV
(see surveys.distribution for why and how): the researcher's session holds a nonce per batch,
never a code. A form token spent on creating keeps a reload or a double click from making a
second batch the researcher never saw.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from surveys.distribution import (
    SealBroken,
    invitation_batch_create,
    invitation_batches,
    invitation_codes_csv,
    invitation_codes_seal,
    invitation_codes_unseal,
    qr_code_png,
    qr_code_size,
    qr_code_svg,
)
from surveys.models import Survey
from surveys.selectors import CAN_BUILD, survey_for_member
from workspace.forms.distribution import InvitationBatchForm

FORM_TOKENS_KEY = "workspace.distribute.form_tokens"
CSV_NONCES_KEY = "workspace.distribute.csv_nonces"
KEPT_PER_KEY = 5


def public_link(request, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("responses:start", args=[survey.slug]))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def distribute(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    form = InvitationBatchForm(data=request.POST if request.method == "POST" else None)
    created, resent = None, False
    link = public_link(request, survey)
    if request.method == "POST" and form.is_valid():
        if _spend(request, FORM_TOKENS_KEY, request.POST.get("form_token", "")):
            created = _create_batch(request, survey, form.cleaned_data)
            form = InvitationBatchForm()
        else:
            resent = True
    context = {
        "survey": survey,
        "form": form,
        "form_token": _remember(request, FORM_TOKENS_KEY, secrets.token_urlsafe(16)),
        "created": created,
        "resent": resent,
        "link": link,
        "qr_size": qr_code_size(url=link),
        "batches": invitation_batches(survey=survey),
    }
    status = 400 if form.errors else 409 if resent else 200
    response = render(request, "workspace/distribute.html", context, status=status)
    add_never_cache_headers(response)  # new codes must not stay in any cache or history
    return response


def _create_batch(request, survey: Survey, data: dict) -> dict:
    codes = invitation_batch_create(
        survey=survey, count=data["count"], batch=data["batch"], by=request.user
    )
    sealed = invitation_codes_seal(survey=survey, batch=data["batch"], codes=codes)
    _remember(request, CSV_NONCES_KEY, sealed.nonce)
    return {"codes": codes, "batch": data["batch"], "sealed": sealed.blob}


def _remember(request, key: str, value: str) -> str:
    request.session[key] = [*request.session.get(key, []), value][-KEPT_PER_KEY:]
    return value


def _spend(request, key: str, value: str) -> bool:
    """True once for each value remembered under `key`."""
    values = request.session.get(key, [])
    if not value or value not in values:
        return False
    request.session[key] = [kept for kept in values if kept != value]
    return True


@login_required
@require_POST
def invitation_codes_download(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    try:
        codes = invitation_codes_unseal(survey=survey, blob=request.POST.get("codes", ""))
    except SealBroken:
        return _download_refused(request, survey, expired=True)
    if not _spend(request, CSV_NONCES_KEY, codes.nonce):
        return _download_refused(request, survey, expired=False)
    csv_text = invitation_codes_csv(codes=codes, link=public_link(request, survey))
    response = HttpResponse(csv_text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-invitation-codes.csv"'
    add_never_cache_headers(response)
    return response


def _download_refused(request, survey: Survey, *, expired: bool) -> HttpResponse:
    response = render(
        request,
        "workspace/distribute_download_refused.html",
        {"survey": survey, "expired": expired},
        status=400 if expired else 410,
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def qr_svg(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    title = _("QR code of the link to “%(title)s”") % {"title": survey.title}
    content = qr_code_svg(url=public_link(request, survey), title=title)
    return _image(content, "image/svg+xml", f"{survey.slug}-qr-code.svg")


@login_required
@require_GET
def qr_png(request, slug):
    survey = survey_for_member(user=request.user, slug=slug, roles=CAN_BUILD)
    content = qr_code_png(url=public_link(request, survey))
    return _image(content, "image/png", f"{survey.slug}-qr-code.png")


def _image(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=0"
    return response
