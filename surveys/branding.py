"""The research organisation's logo on respondent pages: a small PNG kept in the database.

It lives in the survey row rather than in file storage so that every web process, on every
machine, can serve it without shared storage, and so that a survey's copy or deletion takes it
along. Only PNG is accepted: its signature and header are easy to check, and unlike SVG it
cannot carry a script. It is served by `responses.views.logo` from this site, never linked from
anywhere else (respondent pages load nothing from other sites).
"""

from __future__ import annotations

import hashlib
import struct

from django.utils.translation import gettext as _

LOGO_MAX_BYTES = 100 * 1024
LOGO_MAX_SIDE = 2000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class LogoRefused(Exception):
    """The upload is not a logo Candour will show (a sentence for the researcher)."""


def logo_from_upload(upload) -> bytes:
    """The bytes of an uploaded logo, after checking that it is a small PNG image."""
    if upload.size > LOGO_MAX_BYTES:
        raise LogoRefused(
            _("The logo must be %(size)d KB or smaller") % {"size": LOGO_MAX_BYTES // 1024}
        )
    content = upload.read()
    width, height = png_size(content)
    if not (0 < width <= LOGO_MAX_SIDE and 0 < height <= LOGO_MAX_SIDE):
        raise LogoRefused(
            _("The logo must be at most %(side)d pixels wide and high") % {"side": LOGO_MAX_SIDE}
        )
    return content


def png_size(content: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk; LogoRefused when it is not a PNG."""
    if len(content) < 24 or not content.startswith(PNG_SIGNATURE) or content[12:16] != b"IHDR":
        raise LogoRefused(_("The logo must be a PNG image"))
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def logo_version(content: bytes) -> str:
    """A short fingerprint of the logo, put in its address so that a new logo is fetched anew."""
    return hashlib.sha256(bytes(content)).hexdigest()[:12]
