"""Creating, revoking and checking personal API tokens.

A token reads `cdr_<prefix>_<secret>`. The prefix (16 hex characters) is stored plainly to find
the row; the secret (43 URL-safe characters, 256 bits from `secrets`) only as a keyed hash, compared
in constant time. Every use is an audit event (`token.used`), and each token has its own rate
limit (api.throttling).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from api.models import ApiToken, Scope
from audit.models import AuditEvent
from audit.services import audit_record
from config.joined_reads import JoinedRead, Table

TOKEN_PREFIX = "cdr"  # noqa: S105 (the public start of every token, not a secret)
DEFAULT_DAYS = 90
MAX_DAYS = 366


class ScopesInvalid(ValueError):
    """Scopes that are not read, submit or export (or none at all)."""


@dataclass(frozen=True)
class NewToken:
    """The stored token and its full text, which exists only here and is shown once."""

    token: ApiToken
    text: str


def _secret_hash(secret: str) -> str:
    pepper = settings.CANDOUR_CODE_PEPPER.encode()
    return hmac.new(pepper, f"api-token:{secret}".encode(), hashlib.sha256).hexdigest()


def parse_scopes(value: str | list[str] | tuple[str, ...]) -> list[str]:
    """["read", "submit"] from "read,submit" or a list; in a fixed order; ScopesInvalid else."""
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {item.strip().lower() for item in items if item.strip()}
    unknown = sorted(wanted - set(Scope.values))
    if unknown or not wanted:
        raise ScopesInvalid(
            "Scopes are one or more of read, submit, export"
            + (f" (not {', '.join(unknown)})" if unknown else "")
        )
    return [scope for scope in Scope.values if scope in wanted]


def token_create(
    *, user, name: str, scopes: list[str], days: int = DEFAULT_DAYS, now: datetime | None = None
) -> NewToken:
    now = now or timezone.now()
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"A token lasts from 1 to {MAX_DAYS} days")
    scopes = parse_scopes(scopes)
    prefix = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API token",
        prefix=prefix,
        secret_hash=_secret_hash(secret),
        scopes=scopes,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.TOKEN_CREATED,
        detail={"token": prefix, "name": token.name, "scopes": scopes, "days": days},
    )
    return NewToken(token, f"{TOKEN_PREFIX}_{prefix}_{secret}")


def token_revoke(*, token: ApiToken, by) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=by, action=AuditEvent.Action.TOKEN_REVOKED, detail={"token": token.prefix})


# Read on every API request, so written once (config.joined_reads); the prefix is unique.
_TOKEN_WITH_USER = JoinedRead(
    (Table(ApiToken, "t"), Table(ApiToken.user.field.related_model, "u", via=("t", "user"))),
    where=(("t", "prefix"),),
)


def token_find(text: str, *, now: datetime | None = None) -> ApiToken | None:
    """The active token this text is, or None (unknown, wrong secret, revoked or expired)."""
    parts = text.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    found = _TOKEN_WITH_USER.fetch(parts[1])
    token = found[0] if found else None
    if token is None or not hmac.compare_digest(token.secret_hash, _secret_hash(parts[2])):
        return None
    if not token.is_active(now) or not token.user.is_active:
        return None
    return token


def token_record_use(*, token: ApiToken, request, survey=None) -> None:
    """An audit event per use: who, which token, which endpoint (never a respondent's data)."""
    today = timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
        token.last_used_on = today
    audit_record(
        actor=token.user,
        action=AuditEvent.Action.TOKEN_USED,
        survey=survey,
        detail={"token": token.prefix, "method": request.method, "endpoint": _endpoint(request)},
    )


def _endpoint(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


def tokens_of(*, user):
    return ApiToken.objects.filter(user=user)
