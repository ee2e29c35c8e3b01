"""Codes people type: resume codes, withdrawal receipts and invitation codes.

Twelve characters of Crockford's base 32 (no I, L, O or U to misread), shown as XXXX-XXXX-XXXX:
60 bits, far beyond guessing through a rate-limited form. Only their SHA-256 hashes are stored.

Resume codes and receipts are derived from the response id with a keyed hash, so showing one
again (a reload, a double click, saving twice) gives the same code without storing it.
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


def derived_code(purpose: str, identifier: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"candour.{purpose}.{identifier}".encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest[:8], "big")
    characters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        characters.append(ALPHABET[index])
    return "".join(characters)


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(text: str) -> str:
    """What the person meant: case, spaces and hyphens ignored, O read as 0 and I or L as 1."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(cleaned) != LENGTH or any(character not in ALPHABET for character in cleaned):
        return ""
    return cleaned


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
