"""Translations without the chain of empty English catalogues behind them.

LANGUAGE_CODE is "en-gb". Python's gettext looks for it as en_GB and then en, so every app that
ships both (Django itself and several contrib apps) brings an "en" catalogue holding nothing but
its header, and Django chains each one behind the merged catalogue as a fallback. A string that
has no translation (most of Candour's, in English) then walks the whole chain on every
`{% translate %}` and gettext() call: about fifteen times per respondent page. An empty
catalogue answers every message with the message itself, exactly as the end of the chain
does, so unlinking the empty ones changes no translation.
"""

from __future__ import annotations

import gettext

from django.conf import settings
from django.utils.translation import trans_real


def translations_without_empty_fallbacks() -> None:
    """Unlink the empty fallback catalogues of every configured language's translation.

    Run once the apps are ready (ResponsesConfig.ready). Django keeps one translation per
    language for the life of the process; if a setting change makes it start afresh, the new
    one is only slower, never different.
    """
    for code, _name in settings.LANGUAGES:
        drop_empty_fallbacks(trans_real.translation(code))


def drop_empty_fallbacks(translation: gettext.NullTranslations) -> None:
    kept = []
    fallback = translation._fallback
    while fallback is not None:
        if not _is_empty(fallback):
            kept.append(fallback)
        fallback = fallback._fallback
    for earlier, later in zip([translation, *kept], [*kept, None], strict=True):
        earlier._fallback = later


def _is_empty(translation: gettext.NullTranslations) -> bool:
    """A GNU catalogue with no message but its header ("" is the header's msgid)."""
    catalog = getattr(translation, "_catalog", None)
    return (
        type(translation) is gettext.GNUTranslations
        and isinstance(catalog, dict)
        and not (catalog.keys() - {""})
    )
