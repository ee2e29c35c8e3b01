"""XLSForm → Candour instrument: reading a workbook into an `InstrumentFile` and a report.

The steps, each in its own module: read and validate with pyxform (`workbook`), choose the
language (`languages`), nest rows into pages and matrices (`structure`), give every question a
code (`names`), build each question (`questions`), then read the conditions in survey order
(`conditions`) and the settings sheet. Only malformed files raise (`InstrumentInvalid`);
anything else that Candour cannot keep is reported row by row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

from surveys.instrument_import import ImportMessage, ImportReport, InstrumentInvalid
from surveys.instrument_json import (
    InstrumentFile,
    InstrumentSettings,
    PageDocument,
    QuestionDocument,
    setting_defaults,
    setting_problems,
)
from surveys.models import Page, Survey
from surveys.xlsform.conditions import ConditionReader, conditions_joined, symbols_for
from surveys.xlsform.languages import language_choose
from surveys.xlsform.names import CODE, code_from_name, referenced_names
from surveys.xlsform.questions import BuildContext, question_build, report_unread
from surveys.xlsform.structure import PlannedItem, PlannedPage, survey_plan, survey_tree
from surveys.xlsform.workbook import SheetRow, XLSFormWorkbook, workbook_read

TITLE_LENGTH = Survey._meta.get_field("title").max_length
PAGE_TITLE_LENGTH = Page._meta.get_field("title").max_length
SETTINGS_READ = {("title",), ("id_string",), ("default_language",), ("version",)}
EXPRESSION_COLUMNS = (("bind", "relevant"), ("bind", "constraint"), ("bind", "required"))


@dataclass(frozen=True)
class XLSFormImport:
    instrument: InstrumentFile
    report: ImportReport
    slug_hint: str  # the form_id, from which the survey's address is made
    rows_by_code: dict[str, tuple[str, int]]


def instrument_from_xlsform(data: bytes, *, filename: str | None = None) -> XLSFormImport:
    """Read an XLSForm workbook (xlsx or xls bytes) as a Candour instrument."""
    report = ImportReport()
    workbook = workbook_read(data, filename=filename)
    context = BuildContext(
        workbook=workbook, language=language_choose(workbook, report), report=report
    )
    referenced = {
        name
        for row in workbook.survey
        for column in EXPRESSION_COLUMNS
        for name in referenced_names(row.get(*column))
    }
    planned = survey_plan(survey_tree(workbook.survey, report), report, referenced)
    items = [item for page in planned for item in page.items]
    _refuse_duplicate_names(items)
    codes = _codes(items, report)
    questions = {item: question_build(item, codes[item], context) for item in items}
    names = {
        item.row.get("name"): codes[item]
        for item in reversed(items)  # the first of a name wins, as its row came first
        if item.row_type.xlsform_type != "group"
    }
    reader = ConditionReader(codes=names, choice_renames=context.choice_renames, report=report)
    pages = _pages(planned, questions, codes, reader, context)
    context.report_unread_columns()
    if reader.malformed:
        raise InstrumentInvalid(reader.malformed)
    settings, slug_hint = _settings(workbook, report)
    if not pages:
        report.sort()
        message = ImportMessage(_("The form has no questions Candour can use."))
        raise InstrumentInvalid([message, *report.messages])
    _title_pages(pages, planned, settings["title"], report)
    rows_by_code = {codes[item]: (item.row.sheet, item.row.number) for item in items}
    report.sort()
    return XLSFormImport(
        instrument={"settings": settings, "pages": [page for page, _planned in pages]},
        report=report,
        slug_hint=slug_hint,
        rows_by_code=rows_by_code,
    )


def _refuse_duplicate_names(items: list[PlannedItem]) -> None:
    first_row: dict[str, int] = {}
    problems = []
    for item in items:
        if item.row_type.xlsform_type in {"group", "table-list"}:
            continue
        name = item.row.get("name")
        if name in first_row:
            problems.append(
                ImportMessage(
                    _(
                        "the name ‘%(name)s’ is also used on row %(other)d; each question needs "
                        "a name of its own."
                    )
                    % {"name": name, "other": first_row[name]},
                    sheet=item.row.sheet,
                    row=item.row.number,
                )
            )
        first_row.setdefault(name, item.row.number)
    if problems:
        raise InstrumentInvalid(problems)


def _codes(items: list[PlannedItem], report: ImportReport) -> dict[PlannedItem, str]:
    """A code per item. Names that are codes already keep them; questions before groups."""
    taken: set[str] = set()
    codes: dict[PlannedItem, str] = {}
    in_order = sorted(items, key=lambda item: item.row_type.xlsform_type in {"group", "table-list"})
    for item in in_order:
        name = item.row.get("name")
        if CODE.match(name) and name not in taken:
            taken.add(name)
            codes[item] = name
    for item in in_order:
        if item in codes:
            continue
        name = item.row.get("name")
        codes[item] = code_from_name(name, taken)
        report.add(
            _(
                "the name ‘%(name)s’ became the code ‘%(code)s’ (Candour codes are lowercase "
                "letters, digits and underscores, as analysis software needs)."
            )
            % {"name": name, "code": codes[item]},
            sheet=item.row.sheet,
            row=item.row.number,
        )
    return codes


def _pages(planned, questions, codes, reader: ConditionReader, context: BuildContext):
    """The pages with their conditions read in survey order; pages left empty are dropped."""
    order = _SurveyOrder([codes[item] for page in planned for item in page.items], reader)
    pages: list[tuple[PageDocument, PlannedPage]] = []
    for page in planned:
        relevant = order.page_condition(page.group, [codes[item] for item in page.items])
        built: list[QuestionDocument] = []
        for item in page.items:
            question = questions[item]
            question["relevant"] = order.question_condition(item, question, len(pages))
            built.append(question)
        if built:
            pages.append((_page(page, built, relevant, context), page))
        elif page.group is not None:
            context.add(
                page.group,
                _("group ‘%(name)s’ has no questions Candour can use; it was left out.")
                % {"name": page.group.get("name")},
            )
    return pages


class _SurveyOrder:
    """Walks the questions in order, so each condition is checked against the answers that
    come before it (a condition cannot use a later one)."""

    def __init__(self, codes: list[str], reader: ConditionReader):
        self.codes = codes
        self.reader = reader
        self.position = 0
        self.available: dict = {}
        self.group_conditions: dict[int, str] = {}

    def page_condition(self, group: SheetRow | None, on_page: list[str]) -> str:
        if group is None:
            return ""
        return self.reader.read(
            group,
            available=dict(self.available),
            later=set(self.codes[self.position :]),
            this_page=set(on_page),
        )

    def question_condition(self, item: PlannedItem, question, page_index: int) -> str:
        """The question's own condition, joined to those of the groups it sits in."""
        later = set(self.codes[self.position :])
        inherited = []
        for group in item.conditions:
            if group.number not in self.group_conditions:
                self.group_conditions[group.number] = self.reader.read(
                    group, available=dict(self.available), later=later
                )
            inherited.append(self.group_conditions[group.number])
        own = self.reader.read(
            item.row, available=dict(self.available), later=later, itself=question["code"]
        )
        self.available[question["code"]] = symbols_for(question, page_index)
        self.position += 1
        return conditions_joined(*inherited, own)


def _page(page: PlannedPage, questions, relevant: str, context: BuildContext) -> PageDocument:
    title = intro = ""
    if page.group is not None:
        title = context.language.text(page.group, "label", context.report)
        intro = context.language.text(page.group, "hint", context.report)
        report_unread(page.group, "page", context, group=True)
    return {"title": title, "intro": intro, "relevant": relevant, "questions": questions}


def _title_pages(pages, planned, survey_title: str, report: ImportReport) -> None:
    for number, (page, plan) in enumerate(pages, start=1):
        row = plan.group
        if row is None:
            page["title"] = survey_title if len(pages) == 1 else _("Page %d") % number
            report.add(
                _(
                    "questions outside any group, from this row on, were put on a page of their "
                    "own titled ‘%(title)s’."
                )
                % {"title": page["title"]},
                sheet="survey",
                row=plan.rows[0],
            )
        elif not page["title"]:
            page["title"] = row.get("name").replace("_", " ").strip().capitalize()
            report.add(
                _("the group has no label, so the page is titled ‘%(title)s’.")
                % {"title": page["title"]},
                sheet=row.sheet,
                row=row.number,
            )
        if len(page["title"]) > PAGE_TITLE_LENGTH:
            page["title"] = page["title"][:PAGE_TITLE_LENGTH]
            report.add(
                _("the page title was cut to %(count)d characters.") % {"count": PAGE_TITLE_LENGTH},
                sheet=row.sheet if row else "survey",
                row=row.number if row else plan.rows[0],
            )


def _settings(workbook: XLSFormWorkbook, report: ImportReport) -> tuple[InstrumentSettings, str]:
    """The survey's settings: form_title, and Candour's own in `candour::settings`."""
    settings = setting_defaults()
    row = workbook.settings
    if row is not None:
        settings.update(_candour_settings(row, report))
        _report_unread_settings(row, workbook, report)
    title = (row.get("title") if row else "") or settings["title"]
    if not title:
        title = workbook.file_stem.replace("_", " ").strip().capitalize() or _("Imported survey")
        report.add(_("The form has no form_title, so the survey is called ‘%s’.") % title)
    if len(title) > TITLE_LENGTH:
        report.add(_("form_title was cut to %d characters.") % TITLE_LENGTH, sheet="settings")
        title = title[:TITLE_LENGTH]
    settings["title"] = title
    return settings, (row.get("id_string") if row else "") or title


def _candour_settings(row: SheetRow, report: ImportReport) -> dict:
    written = row.get("candour", "settings")
    if not written:
        return {}
    try:
        given = json.loads(written)
    except ValueError:
        given = None
    if not isinstance(given, dict):
        report.add(
            _("candour::settings is not a JSON object; it was ignored."),
            sheet=row.sheet,
            row=row.number,
        )
        return {}
    problems = setting_problems(given)
    for name, problem in problems.items():
        report.add(
            _("candour::settings ‘%(name)s’ was ignored: %(problem)s")
            % {"name": name, "problem": problem},
            sheet=row.sheet,
            row=row.number,
        )
    return {name: value for name, value in given.items() if name not in problems}


def _report_unread_settings(row: SheetRow, workbook: XLSFormWorkbook, report: ImportReport):
    for key in row.cells:
        if key in SETTINGS_READ or key[0] == "candour":
            continue
        report.add(
            _("the setting ‘%(name)s’ is not used by Candour; it was ignored.")
            % {"name": workbook.column_name(row, key)},
            sheet=row.sheet,
            row=row.number,
        )
