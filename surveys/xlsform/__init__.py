"""Instruments as XLSForm workbooks: import (read with pyxform) and export (written with openpyxl).

What the two directions do, and what Candour keeps in its own columns, is described in
`surveys.xlsform.types` (the type mapping), `structure` (groups, pages, matrices),
`constraints`, `conditions`, `languages` and `exporter`. The functions here are what views and
commands call:

- `survey_import_xlsform(*, data, owner, filename=None, slug=None, publish=False)` → ImportResult
  (the new draft survey and the row-by-row report); raises InstrumentInvalid for a file that
  cannot be imported, naming sheet and row.
- `survey_export_xlsform(*, survey, version=None)` → the .xlsx bytes of the draft (or version).
"""

from __future__ import annotations

from surveys.instrument_import import ImportResult, survey_create_from_instrument
from surveys.instrument_json import instrument_file_from_survey
from surveys.models import Survey
from surveys.xlsform.exporter import xlsform_from_instrument
from surveys.xlsform.importer import XLSFormImport, instrument_from_xlsform

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def survey_import_xlsform(
    *,
    data: bytes,
    owner,
    filename: str | None = None,
    slug: str | None = None,
    publish: bool = False,
    source: str = "xlsform",
) -> ImportResult:
    """A new draft survey owned by `owner` from an XLSForm workbook, with what changed."""
    read = instrument_from_xlsform(data, filename=filename)
    return survey_create_from_xlsform(
        read=read, owner=owner, slug=slug, publish=publish, source=source
    )


def survey_create_from_xlsform(
    *,
    read: XLSFormImport,
    owner,
    slug: str | None = None,
    publish: bool = False,
    source: str = "xlsform",
) -> ImportResult:
    """The second half of an import, for callers that read the workbook first (to report
    a bad file before asking who owns the survey)."""
    return survey_create_from_instrument(
        instrument=read.instrument,
        owner=owner,
        report=read.report,
        source=source,
        slug=slug,
        slug_hint=read.slug_hint,
        publish=publish,
        rows_by_code=read.rows_by_code,
    )


def survey_export_xlsform(*, survey: Survey, version=None) -> bytes:
    """The survey's draft (or a published `version`) as an XLSForm .xlsx file."""
    instrument = instrument_file_from_survey(survey=survey, version=version)
    return xlsform_from_instrument(instrument, form_id=survey.slug)


__all__ = [
    "XLSX_CONTENT_TYPE",
    "XLSFormImport",
    "instrument_from_xlsform",
    "survey_create_from_xlsform",
    "survey_export_xlsform",
    "survey_import_xlsform",
    "xlsform_from_instrument",
]
