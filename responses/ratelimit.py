"""Rate limits on respondent actions, without storing who asked.

Per client (code entry, starting): the key is an HMAC of the client's network under the current
window's random salt (responses.counters), so it lives only in the cache, only for the window,
and cannot be turned back into an address once the window's salt is gone. IPv6 clients are
counted by their /64 network, since one device can hold a whole /64. The client's address is
taken from X-Forwarded-For only when the request comes from a trusted proxy
(`CANDOUR_PROXY_ADDRESSES`, `CANDOUR_TRUSTED_PROXIES`): anyone else could name any address.

Per survey (starting): a count of starts per survey per hour, with no address at all, so a flood
cannot fill the database with unfinished responses faster than that (retention deletes them).

If the cache is unreachable the request is allowed: a respondent is never locked out because
Redis is down.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging

from django.conf import settings

from responses.counters import Window, counters

logger = logging.getLogger(__name__)

CLIENT_STARTS_PER_HOUR = 100
HOUR = 3600


def _is_trusted_proxy(address: str) -> bool:
    trusted = settings.CANDOUR_PROXY_ADDRESSES
    if "*" in trusted:
        return True
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in trusted:
        try:
            if peer in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or, when that is a trusted proxy, the address
    `CANDOUR_TRUSTED_PROXIES` entries from the end of X-Forwarded-For."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.CANDOUR_TRUSTED_PROXIES
    if proxies and _is_trusted_proxy(peer):
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return peer


def client_network(address: str) -> str:
    """What a limit counts: an IPv4 address, or an IPv6 address's /64 network."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _count(window_seconds: int, name_for) -> int | None:
    """One more attempt in the current window; None if the cache cannot be reached."""
    window = Window.now(window_seconds)
    store = counters()
    try:
        return store.increment(window, name_for(store, window))
    except Exception:  # an unreachable cache must never block a respondent
        logger.warning("Rate limit cache unavailable; allowing the request")
        return None


def allow(request, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt by this client; False once `limit` were made in this window."""
    network = client_network(client_address(request))

    def name(store, window: Window) -> str:
        salt = store.salt(window)
        digest = hmac.new(salt, f"{scope}|{network}".encode(), hashlib.sha256).hexdigest()
        return f"{scope}:{digest[:32]}"

    attempts = _count(window_seconds, name)
    return attempts is None or attempts <= limit


def allow_survey_start(survey_id: int) -> bool:
    """Count one start on the survey; False once this hour's allowance is used."""
    attempts = _count(HOUR, lambda store, window: f"survey-starts:{survey_id}")
    return attempts is None or attempts <= settings.CANDOUR_SURVEY_STARTS_PER_HOUR


def forget_expired() -> None:
    """Delete counts and salts of windows that have ended (where the cache does not)."""
    try:
        counters().forget_expired()
    except Exception:
        logger.warning("Rate limit cache unavailable; expired counts not removed")


def forget_all() -> None:
    """Every count and salt, now: for tests and benchmarks."""
    counters().forget_all()
