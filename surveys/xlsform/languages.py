"""Labels in several languages: Candour keeps one, the form's default language.

An XLSForm may give labels and hints in several languages (`label::English (en)`,
`label::Français (fr)`). A Candour survey has one wording, so the import keeps the settings
sheet's `default_language` (or, without one, the first language in column order) and lists the
others in the report. A label missing in the kept language is taken from another, and said so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.instrument_import import ImportReport
from surveys.xlsform.workbook import NO_LANGUAGE, SheetRow, XLSFormWorkbook


def language_name(language: str) -> str:
    return _("labels without a language") if language == NO_LANGUAGE else language


@dataclass(frozen=True)
class LanguageChoice:
    kept: str
    default: str  # the language unsuffixed columns are in

    def text(self, row: SheetRow, column: str, report: ImportReport) -> str:
        """The row's `column` (label, hint) in the kept language, or another if it has none."""
        texts = {
            (key[1] if len(key) > 1 else self.default): value
            for key, value in row.cells.items()
            if key[0] == column and len(key) <= 2
        }
        if texts.get(self.kept):
            return texts[self.kept]
        other = next(((language, text) for language, text in texts.items() if text), None)
        if other is None:
            return ""
        report.add(
            _("there is no %(column)s in %(kept)s, so the one in %(other)s was used.")
            % {
                "column": column,
                "kept": language_name(self.kept),
                "other": language_name(other[0]),
            },
            sheet=row.sheet,
            row=row.number,
        )
        return other[1]


def language_choose(workbook: XLSFormWorkbook, report: ImportReport) -> LanguageChoice:
    settings = workbook.settings
    wanted = settings.get("default_language") if settings else ""
    default = wanted or NO_LANGUAGE
    languages = workbook.languages or [default]
    kept = wanted if wanted in languages else languages[0]
    if wanted and wanted != kept:
        report.add(
            _("default_language is ‘%(wanted)s’, but no label is in it; %(kept)s was kept.")
            % {"wanted": wanted, "kept": language_name(kept)},
            sheet="settings",
            row=settings.number if settings else None,
        )
    report.language_kept = kept
    report.languages_left_out = [language for language in languages if language != kept]
    if report.languages_left_out:
        report.add(
            _(
                "Labels are given in %(all)s. A Candour survey has one wording, so %(kept)s was "
                "kept and %(others)s left out."
            )
            % {
                "all": ", ".join(language_name(language) for language in languages),
                "kept": language_name(kept),
                "others": ", ".join(language_name(lang) for lang in report.languages_left_out),
            }
        )
    return LanguageChoice(kept=kept, default=default)
