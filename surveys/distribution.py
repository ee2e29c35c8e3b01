"""Sending a survey out: a QR code of its public link, and invitation codes made in batches.

Invitation codes exist in plain text only in the one response that shows them. The page that
creates a batch shows the codes and offers them once as a CSV: the page carries them in a signed,
expiring "sealed" form (`invitation_codes_seal`) that the CSV download opens again, and the
researcher's session holds only a random nonce that the download spends. So the server never
stores a code (only `responses.services.invitations_create`'s keyed hashes), the CSV contains
exactly the codes that were made for this survey, and it can be downloaded once. Making the CSV
the response of the POST that creates the codes was the other way; it would have meant choosing
between showing the codes and offering the file, where a researcher wants both: a few codes to
copy by hand, a long list for a mail merge.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import datetime

import segno
from django.core import signing
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from exports.spreadsheet import neutralise_formula
from responses.models import Invitation
from responses.services import invitations_create
from surveys.dashboard.suppression import fewer_than
from surveys.models import Survey

QR_ERROR_CORRECTION = "m"  # survives a smudged or partly covered print
QR_BORDER = 4  # the quiet zone the standard asks for, in modules
QR_SVG_SCALE = 6
QR_PNG_SCALE = 10  # 10 pixels a module: sharp on a printed poster

MAX_CODES_PER_BATCH = 5000
SEAL_SALT = "candour.distribution.invitation-codes"
SEAL_MAX_AGE_SECONDS = 60 * 60


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR_CORRECTION, micro=False)


def qr_code_svg(*, url: str, title: str) -> bytes:
    """The QR code of `url` as an SVG file, with a title and the link as its description."""
    out = io.BytesIO()
    qr_code(url).save(out, kind="svg", scale=QR_SVG_SCALE, border=QR_BORDER, title=title, desc=url)
    return out.getvalue()


def qr_code_png(*, url: str) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=QR_PNG_SCALE, border=QR_BORDER)
    return out.getvalue()


def qr_code_size(*, url: str, scale: int = QR_SVG_SCALE) -> int:
    """Width (= height) of the QR code image in pixels."""
    return qr_code(url).symbol_size(scale=scale, border=QR_BORDER)[0]


def invitation_batch_create(*, survey: Survey, count: int, batch: str, by) -> list[str]:
    """`count` new single-use codes labelled `batch`, audited; the codes are only returned."""
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValueError(f"count must be from 1 to {MAX_CODES_PER_BATCH}")
    with transaction.atomic():
        codes = invitations_create(survey=survey, count=count, batch=batch)
        audit_record(
            actor=by,
            action=AuditEvent.Action.INVITATIONS_CREATED,
            survey=survey,
            detail={"count": count, "batch": batch},
        )
    return codes


@dataclass(frozen=True)
class InvitationBatch:
    """A batch as the Distribute page shows it. `used` is words, not a number, when the number
    would reveal a small group: how many of a team took part, or did not."""

    label: str
    created: int
    used: str
    first_created_at: datetime


def invitation_batches(*, survey: Survey) -> list[InvitationBatch]:
    rows = (
        Invitation.objects.filter(survey=survey)
        .values("batch")
        .annotate(
            created=Count("pk"), used=Count("pk", filter=Q(used=True)), since=Min("created_at")
        )
        .order_by("since", "batch")
    )
    threshold = survey.small_count_threshold
    return [
        InvitationBatch(
            label=row["batch"],
            created=row["created"],
            used=used_in_words(created=row["created"], used=row["used"], threshold=threshold),
            first_created_at=row["since"],
        )
        for row in rows
    ]


def used_in_words(*, created: int, used: int, threshold: int) -> str:
    """How many codes of a batch were used, as the dashboard's rule allows: a batch is often one
    team, so a small number used — or a small number not used, which `created − used` would give
    away — is not shown."""
    unused = created - used
    if used == 0:
        return "0"
    if used < threshold:
        return fewer_than(threshold)
    if 0 < unused < threshold:
        return _("all but %(fewer)s") % {"fewer": fewer_than(threshold)}
    return f"{used:,}"


@dataclass(frozen=True)
class SealedCodes:
    """Codes just made, for the one CSV download: `blob` goes in the page, `nonce` in the
    researcher's session."""

    blob: str
    nonce: str


@dataclass(frozen=True)
class CodesForDownload:
    batch: str
    codes: list[str]
    nonce: str


class SealBroken(Exception):
    """The sealed codes are not ours, are for another survey, or are more than an hour old."""


def invitation_codes_seal(*, survey: Survey, batch: str, codes: list[str]) -> SealedCodes:
    nonce = secrets.token_urlsafe(16)
    blob = signing.dumps(
        {"survey": survey.pk, "batch": batch, "codes": codes, "nonce": nonce},
        salt=SEAL_SALT,
        compress=True,
    )
    return SealedCodes(blob=blob, nonce=nonce)


def invitation_codes_unseal(*, survey: Survey, blob: str) -> CodesForDownload:
    try:
        data = signing.loads(blob, salt=SEAL_SALT, max_age=SEAL_MAX_AGE_SECONDS)
    except signing.BadSignature:
        raise SealBroken from None
    if not isinstance(data, dict) or data.get("survey") != survey.pk:
        raise SealBroken
    return CodesForDownload(batch=data["batch"], codes=list(data["codes"]), nonce=data["nonce"])


def invitation_codes_csv(*, codes: CodesForDownload, link: str) -> str:
    """One row per code, for a mail merge: the code, its batch and the survey's link."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "batch", "link"])
    for code in codes.codes:
        writer.writerow([code, neutralise_formula(codes.batch), link])
    return out.getvalue()
