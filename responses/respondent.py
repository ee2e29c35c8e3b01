"""The one cookie a respondent gets, and the tokens in their forms.

The cookie holds only the signed id of the response in progress. It lasts until the browser
closes, is scoped to the survey's address, is HttpOnly and SameSite=Lax, and is secure under HTTPS.
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

from django.conf import settings
from django.core import signing

COOKIE_NAME = "candour_response"
LONGEST_PAGE_SECONDS = 30 * 60  # time on one page beyond this is not counted as answering


def cookie_path(slug: str) -> str:
    return f"/s/{slug}/"


def _salt(slug: str) -> str:
    return f"candour.response.{slug}"


def set_response_cookie(http_response, slug: str, response_id: uuid.UUID) -> None:
    http_response.set_cookie(
        COOKIE_NAME,
        signing.dumps(str(response_id), salt=_salt(slug)),
        path=cookie_path(slug),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def clear_response_cookie(http_response, slug: str) -> None:
    http_response.delete_cookie(COOKIE_NAME, path=cookie_path(slug), samesite="Lax")


def response_id_from_cookie(request, slug: str) -> uuid.UUID | None:
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        return uuid.UUID(signing.loads(raw, salt=_salt(slug)))
    except (signing.BadSignature, ValueError, TypeError):
        return None


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
