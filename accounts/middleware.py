"""Researchers' sessions: idle and absolute time-outs, and two-factor authentication when required.

Both act only on signed-in requests, so respondents (who never have a session) are untouched:
nothing here reads or writes a session unless a session cookie came with the request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

SIGNED_IN_AT = "candour_signed_in_at"
LAST_SEEN = "candour_last_seen"
# Saving the session on every request would write a row per click; a minute is precise enough.
LAST_SEEN_RESOLUTION = 60


def session_started(*, request, **kwargs) -> None:
    """At sign-in (connected to user_logged_in): the clocks of both time-outs start."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def _signed_in(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def session_timeouts(get_response):
    def middleware(request):
        if _signed_in(request):
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.CANDOUR_SESSION_IDLE_MINUTES * 60
            too_old = now - signed_in_at > settings.CANDOUR_SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
                messages.info(request, _("You were signed out to keep your account safe."))
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?next={request.path}")
            if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return get_response(request)

    return middleware


# Pages a researcher without an authenticator may still reach when two factors are required.
TWO_FACTOR_SETUP_PREFIXES = ("/accounts/", "/static/")


def two_factor_required(get_response):
    def middleware(request):
        if (
            settings.CANDOUR_REQUIRE_2FA
            and _signed_in(request)
            and not request.path.startswith(TWO_FACTOR_SETUP_PREFIXES)
            and not _has_authenticator(request.user)
        ):
            messages.info(
                request, _("Set up an authenticator app before you use Candour's workspace.")
            )
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware


def _has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
