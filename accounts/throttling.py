"""What django-axes counts failed sign-ins by: the e-mail address tried and the client address.

Axes locks the pair (settings.AXES_LOCKOUT_PARAMETERS), so one office's shared address is not
locked out by one person's mistakes, and an attacker guessing one account's password from many
addresses is still limited per address. Only the researchers' sign-in is ever recorded.
"""

from __future__ import annotations

from responses.ratelimit import client_address as _client_address


def username_of_attempt(request, credentials: dict | None) -> str:
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    if request is not None and hasattr(request, "POST"):
        return request.POST.get("login", "").strip().lower()
    return ""


def client_address(request) -> str:
    return _client_address(request)
