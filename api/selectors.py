"""Reads of the API: the caller's surveys, responses for listing, export jobs, public ids, cursors.

Anonymity, as everywhere: a response leaves with its answers, status, version, channel and the
dates the workspace shows (start date and submission time, both already coarsened to the
survey's precision when stored), and with a *public* id — a keyed hash of its UUID — rather than
the UUID itself, which a respondent's browser holds in a cookie and which must not let anyone who
sees that browser pick their answers out of a download. Responses are listed in order of that
random id, which says nothing about when they came.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from datetime import date

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from exports.models import ExportJob
from responses.models import Response
from surveys.models import Survey, SurveyMembership
from surveys.selectors import survey_for_member

PUBLIC_ID_LENGTH = 32


class CursorInvalid(ValueError):
    pass


def surveys_of(*, user) -> QuerySet[SurveyMembership]:
    return (
        SurveyMembership.objects.filter(user=user)
        .select_related("survey", "survey__current_version")
        .order_by("survey__slug")
    )


def public_response_id(response_id: uuid.UUID) -> str:
    pepper = settings.CANDOUR_CODE_PEPPER.encode()
    digest = hmac.new(pepper, f"api-response:{response_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:PUBLIC_ID_LENGTH]


def responses_for_listing(
    *,
    survey: Survey,
    status: str | None = None,
    submitted_from: date | None = None,
    submitted_to: date | None = None,
) -> QuerySet[Response]:
    responses = survey.responses.select_related("version").order_by("id")
    if status:
        responses = responses.filter(status=status)
    if submitted_from:
        responses = responses.filter(submitted_at__date__gte=submitted_from)
    if submitted_to:
        responses = responses.filter(submitted_at__date__lte=submitted_to)
    return responses


def _fernet() -> Fernet:
    key = hashlib.sha256(f"api-cursor:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def cursor_encode(after: uuid.UUID) -> str:
    """An opaque cursor: the last id of a page, encrypted (the UUID itself never leaves)."""
    return _fernet().encrypt(after.bytes).decode()


def cursor_decode(cursor: str) -> uuid.UUID:
    try:
        return uuid.UUID(bytes=_fernet().decrypt(cursor.encode()))
    except (InvalidToken, ValueError, TypeError):
        raise CursorInvalid from None


def job_for_member(*, user, job_id: uuid.UUID, roles: tuple[str, ...]) -> ExportJob:
    """The job, if the user holds one of `roles` on its survey (else 404, as in the workspace)."""
    job = ExportJob.objects.select_related("survey").filter(pk=job_id).first()
    if job is None:
        raise Http404
    survey_for_member(user=user, slug=job.survey.slug, roles=roles)
    return job
