"""Rate limits on code entry (resume, withdrawal, invitation), without storing who asked.

The key is a keyed hash of the client address that changes every window, held only in the cache
and expiring with the window: nothing that could identify anyone is written to the database or
kept for long. If the cache is unreachable the request is allowed: a respondent is never locked
out because Redis is down.
"""

import hashlib
import hmac
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The client's address, looked through `CANDOUR_TRUSTED_PROXIES` proxies' X-Forwarded-For."""
    proxies = settings.CANDOUR_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _bucket_key(scope: str, address: str, window: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"ratelimit.{scope}.{window}.{address}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]
    return f"rl:{scope}:{window}:{digest}"


def allow(request, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False once `limit` attempts were made in this window."""
    window = int(time.time() // window_seconds)
    key = _bucket_key(scope, client_address(request), window)
    try:
        cache.add(key, 0, timeout=window_seconds)
        attempts = cache.incr(key)
    except Exception:  # an unreachable cache must never block a respondent
        logger.warning("Rate limit cache unavailable; allowing the request")
        return True
    return attempts <= limit
