"""Codes people type (resume codes, withdrawal receipts, invitation codes) and follow-up tickets.

A code is twelve characters of Crockford's base 32 (no I, L, O or U to misread), shown as
XXXX-XXXX-XXXX: 60 random bits from `secrets`, far beyond guessing through a rate-limited form.
Nothing about a code is derived from anything stored, so nobody can compute one from the
database or from SECRET_KEY.

Only a keyed hash is stored: HMAC-SHA256 with `CANDOUR_CODE_PEPPER`, a key kept apart from
SECRET_KEY and from the database. A stolen database alone cannot be used to test guesses
offline; rotating the pepper invalidates every code that has not been used.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def random_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(text: str) -> str:
    """What the person meant: case, spaces and hyphens ignored, O read as 0 and I or L as 1."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(cleaned) != LENGTH or any(character not in ALPHABET for character in cleaned):
        return ""
    return cleaned


def _keyed_hash(text: str) -> str:
    pepper = settings.CANDOUR_CODE_PEPPER.encode()
    return hmac.new(pepper, text.encode(), hashlib.sha256).hexdigest()


def code_hash(code: str) -> str:
    """The stored form of a normalised code."""
    return _keyed_hash(code)


def new_followup_ticket() -> str:
    """A single-use permission to leave contact details once, held only by the browser."""
    return secrets.token_urlsafe(24)


def followup_ticket_hash(ticket: str) -> str:
    return _keyed_hash(f"followup-ticket:{ticket}")
