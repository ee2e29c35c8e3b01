"""config.translations: the empty English catalogues behind a translation are unlinked, and
nothing any catalogue translates is lost."""

import gettext

from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from config.translations import drop_empty_fallbacks


def _catalogue(messages: dict) -> gettext.GNUTranslations:
    catalogue = gettext.GNUTranslations()  # no file: an empty catalogue, as gettext makes one
    catalogue._catalog = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    catalogue.plural = lambda n: int(n != 1)  # what parsing a .mo file's header would set
    return catalogue


def test_the_configured_languages_have_no_empty_catalogues_behind_them():
    for code, _name in settings.LANGUAGES:
        fallback = trans_real.translation(code)._fallback
        while fallback is not None:
            assert set(fallback._catalog) - {""}, f"an empty catalogue behind {code}"
            fallback = fallback._fallback


def test_it_keeps_the_catalogues_that_translate_something_in_their_order():
    first, empty, second, last_empty = (
        _catalogue({"colour": "colour (first)"}),
        _catalogue({}),
        _catalogue({"colour": "colour (second)", "grey": "grey (second)"}),
        _catalogue({}),
    )
    top = _catalogue({})
    for catalogue in (first, empty, second, last_empty):
        top.add_fallback(catalogue)

    drop_empty_fallbacks(top)

    assert top._fallback is first
    assert first._fallback is second
    assert second._fallback is None
    assert top.gettext("colour") == "colour (first)"
    assert top.gettext("grey") == "grey (second)"
    assert top.gettext("Skip to main content") == "Skip to main content"
    assert top.ngettext("one answer", "%(n)s answers", 2) == "%(n)s answers"


def test_strings_are_translated_as_before():
    fresh = trans_real.DjangoTranslation(
        settings.LANGUAGE_CODE
    )  # with its chain, as Django makes it
    messages = ["Skip to main content", "This field is required.", "Enter a valid date."]
    with translation.override(settings.LANGUAGE_CODE):
        assert [translation.gettext(m) for m in messages] == [fresh.gettext(m) for m in messages]
        assert translation.ngettext("%(n)s day", "%(n)s days", 1) == fresh.ngettext(
            "%(n)s day", "%(n)s days", 1
        )
