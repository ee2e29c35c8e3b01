"""Turning an instrument file into a new draft survey, and the report of what changed on the way.

Every importer (XLSForm, the JSON instrument format, the template library) reads its file into
one `InstrumentFile` (see `surveys.instrument_json`) plus an `ImportReport`, then calls
`survey_create_from_instrument`, which is the only place an imported survey is written: the
survey, its owner, its draft rows and the audit event, in one transaction.

A file that cannot be imported at all raises `InstrumentInvalid`, whose `problems` name the sheet
and row (or the place in a JSON document) of each problem. Anything imported with a change —
a feature left out, a name turned into a code — is an `ImportMessage` in the report, so that the
researcher can review it in the builder. Nothing else is raised for a bad file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from surveys.models import Choice, Page, Question, Survey, SurveyMembership
from surveys.services import PublishInvalid, survey_publish
from surveys.validation import schema_problems

if TYPE_CHECKING:
    from surveys.instrument_json import InstrumentFile

SLUG_LENGTH = Survey._meta.get_field("slug").max_length
SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_CODE_IN_PROBLEM = re.compile(r"\$\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class ImportMessage:
    """One thing about the file: where it is (a sheet and row, or a path in a JSON document;
    neither for the file as a whole) and what happened, as a sentence for the researcher."""

    text: str
    sheet: str | None = None
    row: int | None = None
    path: str | None = None

    @property
    def where(self) -> str:
        if self.sheet and self.row:
            return _("%(sheet)s sheet, row %(row)d") % {"sheet": self.sheet, "row": self.row}
        if self.sheet:
            return _("%(sheet)s sheet") % {"sheet": self.sheet}
        return self.path or ""

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text


@dataclass
class ImportReport:
    """What an import left out or changed, in file order, and which language it kept."""

    messages: list[ImportMessage] = field(default_factory=list)
    language_kept: str | None = None
    languages_left_out: list[str] = field(default_factory=list)

    def add(
        self, text: str, *, sheet: str | None = None, row: int | None = None, path=None
    ) -> None:
        message = ImportMessage(text=text, sheet=sheet, row=row, path=path)
        if message not in self.messages:  # a list shared by several questions says it once
            self.messages.append(message)

    def sort(self) -> None:
        """File order: the whole file first, then sheet by sheet, row by row."""
        sheets = {None: 0, "survey": 1, "choices": 2, "settings": 3}
        self.messages.sort(key=lambda m: (sheets.get(m.sheet, 4), m.row or 0))

    def lines(self) -> list[str]:
        return [str(message) for message in self.messages]

    def __bool__(self) -> bool:
        return bool(self.messages)


class InstrumentInvalid(Exception):
    """The file cannot be imported; `problems` say where and why. Nothing was saved."""

    def __init__(self, problems: list[ImportMessage]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class ImportResult:
    survey: Survey
    report: ImportReport


def survey_create_from_instrument(
    *,
    instrument: InstrumentFile,
    owner,
    report: ImportReport,
    source: str,
    slug: str | None = None,
    slug_hint: str = "",
    publish: bool = False,
    rows_by_code: dict[str, tuple[str, int]] | None = None,
) -> ImportResult:
    """Write `instrument` as a new draft survey owned by `owner`, and audit it.

    The address is `slug` when given (it must be free), else made unique from `slug_hint` or
    the title. With `publish`, the draft is published too; problems that stop it raise
    InstrumentInvalid and nothing is saved. Without it, the same problems are added to the
    report, since the researcher will fix them in the builder before publishing.
    `rows_by_code` lets those problems name the sheet and row a question came from.
    """
    settings = instrument["settings"]
    problems = schema_problems({"format": 1, "title": settings["title"], **instrument})
    placed = [_placed(problem, rows_by_code or {}) for problem in problems]
    with transaction.atomic():
        survey = _survey_create(settings, slug, slug_hint or settings["title"])
        SurveyMembership.objects.create(survey=survey, user=owner, role=SurveyMembership.Role.OWNER)
        instrument_drafts_save(survey=survey, instrument=instrument)
        version_number = None
        if publish:
            try:
                version_number = survey_publish(survey=survey, by=owner).version.number
            except PublishInvalid:
                raise InstrumentInvalid(placed) from None  # leaving the block rolls back
            survey.refresh_from_db()
        audit_record(
            actor=owner,
            action=AuditEvent.Action.SURVEY_IMPORTED,
            survey=survey,
            detail={
                "source": source,
                "pages": len(instrument["pages"]),
                "questions": sum(len(page["questions"]) for page in instrument["pages"]),
                "report_messages": len(report.messages) + len(placed),
                "published_version": version_number,
            },
        )
    report.messages.extend(placed)
    report.sort()
    return ImportResult(survey=survey, report=report)


def instrument_drafts_save(*, survey: Survey, instrument: InstrumentFile) -> None:
    """The pages, questions and options of `instrument` as the survey's draft rows, in order."""
    choices = []
    for page_position, page in enumerate(instrument["pages"], start=1):
        page_row = Page.objects.create(
            survey=survey,
            position=page_position,
            title=page["title"],
            intro=page["intro"],
            relevant=page["relevant"],
        )
        for position, question in enumerate(page["questions"], start=1):
            question_row = Question.objects.create(
                page=page_row,
                position=position,
                code=question["code"],
                type=question["type"],
                label=question["label"],
                hint=question["hint"],
                required=question["required"],
                config=question["config"],
                relevant=question["relevant"],
            )
            choices.extend(
                Choice(
                    question=question_row,
                    position=choice_position,
                    value=choice["value"],
                    label=choice["label"],
                    exclusive=choice["exclusive"],
                    is_other=choice["other"],
                    non_substantive=choice.get("non_substantive", False),
                )
                for choice_position, choice in enumerate(question["choices"], start=1)
            )
    Choice.objects.bulk_create(choices)


def _survey_create(settings, slug: str | None, hint: str) -> Survey:
    """The survey at `slug`, or at a free address made from `hint`; another import taking the
    same address at the same moment makes this one try the next."""
    if slug is not None and (not SLUG.match(slug) or len(slug) > SLUG_LENGTH):
        raise InstrumentInvalid(
            [
                ImportMessage(
                    _(
                        "‘%(slug)s’ cannot be an address: use up to %(length)d letters, digits, "
                        "hyphens and underscores."
                    )
                    % {"slug": slug, "length": SLUG_LENGTH}
                )
            ]
        )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Survey.objects.create(
                    **settings, slug=slug or _free_slug(hint), status=Survey.Status.DRAFT
                )
        except IntegrityError:
            if slug:
                break
    raise InstrumentInvalid(
        [ImportMessage(_("The address ‘%(slug)s’ is already used.") % {"slug": slug or hint})]
    )


def _free_slug(hint: str) -> str:
    base = slugify(hint)[: SLUG_LENGTH - 4].strip("-") or "imported-survey"
    taken = set(Survey.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _placed(problem: str, rows_by_code: dict[str, tuple[str, int]]) -> ImportMessage:
    """A publish problem, placed at the row of the question it names when that is known."""
    match = _CODE_IN_PROBLEM.search(problem)
    if match and match.group(1) in rows_by_code:
        sheet, row = rows_by_code[match.group(1)]
        return ImportMessage(text=problem, sheet=sheet, row=row)
    return ImportMessage(text=problem)
