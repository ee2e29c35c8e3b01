"""Publishing: validate the draft instrument and freeze it into an immutable SurveyVersion."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from surveys.models import Survey, SurveyVersion
from surveys.schema import instrument_from_schema, schema_checksum, schema_from_drafts
from surveys.validation import schema_problems


class PublishInvalid(Exception):
    """The draft cannot be published; `problems` says why, naming each question."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class IncompatibleChanges(Exception):
    """Responses exist and the new version removes or retypes question codes."""

    def __init__(self, changes: list[str]):
        super().__init__("\n".join(changes))
        self.changes = changes


@dataclass(frozen=True)
class PublishResult:
    version: SurveyVersion
    created: bool
    changes: list[str]


def survey_publish(
    *, survey: Survey, by=None, accept_breaking_changes: bool = False
) -> PublishResult:
    """Freeze the draft into a new version (or return the current one if nothing changed).

    With responses present, removed or retyped question codes are reported: they raise
    IncompatibleChanges unless `accept_breaking_changes` is set, and are returned either way.
    """
    schema = schema_from_drafts(survey)
    problems = schema_problems(schema)
    if problems:
        raise PublishInvalid(problems)
    checksum = schema_checksum(schema)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        current = survey.current_version
        if current is not None and current.checksum == checksum:
            return PublishResult(version=current, created=False, changes=[])
        changes = []
        if current is not None and survey.responses.exists():
            changes = breaking_changes(current.schema, schema)
            if changes and not accept_breaking_changes:
                raise IncompatibleChanges(changes)
        last = survey.versions.order_by("-number").first()
        version = SurveyVersion.objects.create(
            survey=survey,
            number=(last.number + 1) if last else 1,
            schema=schema,
            checksum=checksum,
            published_by=by,
        )
        survey.current_version = version
        survey.save(update_fields=["current_version"])
    return PublishResult(version=version, created=True, changes=changes)


def breaking_changes(old_schema: dict, new_schema: dict) -> list[str]:
    """Question codes that existing answers use but the new version removes or retypes."""
    old = {q.code: q for q in instrument_from_schema(old_schema).questions()}
    new = {q.code: q for q in instrument_from_schema(new_schema).questions()}
    changes = []
    for code, question in old.items():
        if not question.kind.has_answer:
            continue
        if code not in new:
            changes.append(
                _("${%(code)s} is removed; answers already given to it stay with the old version.")
                % {"code": code}
            )
        elif new[code].type != question.type:
            changes.append(
                _("${%(code)s} changes type from %(old)s to %(new)s.")
                % {"code": code, "old": question.kind.name, "new": new[code].kind.name}
            )
        else:
            changes.extend(question.kind.breaking_changes(question, new[code]))
    return changes
