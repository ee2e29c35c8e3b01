"""The one cookie a respondent gets, and the tokens in their forms.

The cookie holds the signed id of the respondent's response and, for a moment after submitting,
what the browser alone may know: the receipt code (until the completion page has shown it once)
and a single-use follow-up ticket; after resuming with a code, a mark that the next page shows
"your saved answers are back" (once: the page clears it, so reloading does not repeat it).
It lasts until the browser closes, is scoped to the survey's address, is HttpOnly and
SameSite=Lax, and is secure under HTTPS.

It is signed without a timestamp. Django's usual signed values carry the second they were made;
here that would be a precise time sitting in every request. An idle lifetime checked by the
server was the alternative, but it would also need a time in the cookie, and it would lock out a
practitioner called away mid-survey who had not saved a resume code. The cookie ends when the
browser closes, and the pages tell people on shared computers to close it.

There is no server-side session: nothing records when, or from where, the respondent was active.

Forms carry two hidden values instead of Django's CSRF cookie:
- a token derived from the response id, which another site cannot know, so it cannot post
  answers into someone's response;
- a signed "page shown at" time, so the time spent on a page can be added to the response's
  duration without the server ever storing a clock time.
"""

import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass, replace

from django.conf import settings
from django.core import signing

COOKIE_NAME = "candour_response"
LONGEST_PAGE_SECONDS = 30 * 60  # time on one page beyond this is not counted as answering


@dataclass(frozen=True)
class RespondentCookie:
    """What the cookie says. `receipt` and `followup_ticket` are empty except after submitting."""

    response_id: uuid.UUID
    receipt: str = ""
    followup_ticket: str = ""
    just_resumed: bool = False  # the next page says "your saved answers are back", once

    def without_receipt(self) -> "RespondentCookie":
        return replace(self, receipt="")

    def without_resumed(self) -> "RespondentCookie":
        return replace(self, just_resumed=False)


def cookie_path(slug: str) -> str:
    return f"/s/{slug}/"


def _signer(slug: str) -> signing.Signer:
    return signing.Signer(salt=f"candour.response.{slug}")


def set_respondent_cookie(http_response, slug: str, cookie: RespondentCookie) -> None:
    content = {"r": str(cookie.response_id)}
    if cookie.receipt:
        content["k"] = cookie.receipt
    if cookie.followup_ticket:
        content["t"] = cookie.followup_ticket
    if cookie.just_resumed:
        content["j"] = 1
    http_response.set_cookie(
        COOKIE_NAME,
        _signer(slug).sign_object(content),
        path=cookie_path(slug),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def set_response_cookie(http_response, slug: str, response_id: uuid.UUID) -> None:
    set_respondent_cookie(http_response, slug, RespondentCookie(response_id))


def clear_response_cookie(http_response, slug: str) -> None:
    """Tell the browser to forget the cookie (with the same attributes it was set with)."""
    http_response.set_cookie(
        COOKIE_NAME,
        "",
        max_age=0,
        expires="Thu, 01 Jan 1970 00:00:00 GMT",
        path=cookie_path(slug),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def respondent_cookie(request, slug: str) -> RespondentCookie | None:
    """The respondent's cookie for the survey at `slug`, or None. Its signature is checked once
    per request and cookie value, however many times a view and its helpers ask (a page view
    asks twice: to find the response, then for the cookie's flags)."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    read = vars(request).setdefault("_respondent_cookies", {})
    key = (slug, raw)
    if key not in read:
        read[key] = _cookie_unsigned(raw, slug)
    return read[key]


def _cookie_unsigned(raw: str, slug: str) -> RespondentCookie | None:
    try:
        content = _signer(slug).unsign_object(raw)
        return RespondentCookie(
            response_id=uuid.UUID(content["r"]),
            receipt=str(content.get("k", "")),
            followup_ticket=str(content.get("t", "")),
            just_resumed=content.get("j") == 1,
        )
    except (signing.BadSignature, ValueError, TypeError, KeyError, AttributeError):
        return None


def response_id_from_cookie(request, slug: str) -> uuid.UUID | None:
    cookie = respondent_cookie(request, slug)
    return cookie.response_id if cookie else None


def form_token(response_id: uuid.UUID) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"candour.form.{response_id}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def form_token_is_valid(response_id: uuid.UUID, token: str) -> bool:
    # Compared as bytes: a posted token may hold any characters at all.
    return hmac.compare_digest(form_token(response_id).encode(), (token or "").encode())


def page_shown_stamp() -> str:
    return signing.dumps(int(time.time()), salt="candour.page-shown")


def seconds_on_page(stamp: str) -> int:
    """Whole seconds since the page was shown, capped; 0 if the stamp is missing or forged."""
    try:
        shown = int(signing.loads(stamp or "", salt="candour.page-shown"))
    except (signing.BadSignature, ValueError, TypeError):
        return 0
    return max(0, min(LONGEST_PAGE_SECONDS, int(time.time()) - shown))
