"""The survey's release profile: reading it, changing it, and its rules written as text.

Researchers write generalisation rules one question per line, which is quicker to read and review
than a grid of boxes:

    years_in_role: 0-2, 3-5, 6-10, 11+
    agency: school = primary_school secondary_school; health = nhs_hospital gp_practice

A number question takes bands (`low-high`, or `low+` for "low or more"); a choice question takes
groups (`label = value value …; …`), each listed value replaced by the group's label. Stored as
    {"years_in_role": {"bands": [{"min": 0, "max": 2, "label": "0–2"}, …, {"min": 11, "max": null,
                                  "label": "11 or more"}]},
     "agency": {"merge": {"primary_school": "school", …}}}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from exports.models import ReleaseProfile
from surveys.models import Survey
from surveys.schema import Instrument, QuestionSpec, instrument_for_version

# Questions whose answer is one value, so that people can be grouped by it.
QUASI_IDENTIFIER_KINDS = {"choice", "number"}
BAND = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:-\s*(-?\d+(?:\.\d+)?)|(\+))\s*$")


class ProfileInvalid(ValueError):
    """A rule or setting that cannot be applied; the message names the line or question."""


@dataclass(frozen=True)
class ProfileChoices:
    """What the profile may refer to in the survey's current version."""

    quasi_identifiers: list[QuestionSpec]
    droppable: list[QuestionSpec]


def release_profile_for(survey: Survey) -> ReleaseProfile:
    """The survey's profile, or an unsaved default one (no quasi-identifiers, k = 5)."""
    try:
        return survey.release_profile
    except ReleaseProfile.DoesNotExist:
        return ReleaseProfile(survey=survey)


def profile_choices(survey: Survey) -> ProfileChoices:
    if survey.current_version is None:
        return ProfileChoices([], [])
    questions = instrument_for_version(survey.current_version).questions()
    answered = [q for q in questions if q.kind.has_answer]
    return ProfileChoices(
        quasi_identifiers=[q for q in answered if q.kind.logic_kind in QUASI_IDENTIFIER_KINDS],
        droppable=answered,
    )


def release_profile_save(
    *,
    survey: Survey,
    by,
    quasi_identifiers: list[str],
    k: int,
    generalise: dict,
    small_groups: str,
    drop_questions: list[str],
    redaction_terms: list[str],
) -> ReleaseProfile:
    if k < 2:
        raise ProfileInvalid(_("k must be 2 or more"))
    with transaction.atomic():
        profile = release_profile_for(survey)
        profile.quasi_identifiers = quasi_identifiers
        profile.k = k
        profile.generalise = generalise
        profile.small_groups = small_groups
        profile.drop_questions = drop_questions
        profile.redaction_terms = redaction_terms
        profile.updated_by = by if getattr(by, "is_authenticated", False) else None
        profile.save()
        audit_record(
            actor=by,
            action=AuditEvent.Action.RELEASE_PROFILE_CHANGED,
            survey=survey,
            detail={
                "quasi_identifiers": quasi_identifiers,
                "k": k,
                "small_groups": small_groups,
                "drop_questions": drop_questions,
                "generalised": sorted(generalise),
                "redaction_terms": len(redaction_terms),
            },
        )
    return profile


# --- rules as text ------------------------------------------------------------------------------


def generalise_rules_parse(text: str, instrument: Instrument) -> dict:
    rules = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        code, separator, body = line.partition(":")
        code = code.strip()
        question = instrument.question(code)
        if not separator or question is None:
            raise ProfileInvalid(
                _("Line %(number)d: start with a question code and a colon, like ‘role:’")
                % {"number": number}
            )
        if code in rules:
            raise ProfileInvalid(
                _("Line %(number)d: ${%(code)s} has a rule already")
                % {"number": number, "code": code}
            )
        if question.kind.logic_kind == "number":
            rules[code] = {"bands": _bands(body, number)}
        elif question.kind.logic_kind == "choice":
            rules[code] = {"merge": _merges(body, number, question)}
        else:
            raise ProfileInvalid(
                _("Line %(number)d: ${%(code)s} cannot be generalised (only choices and numbers)")
                % {"number": number, "code": code}
            )
    return rules


def _bands(body: str, line: int) -> list[dict]:
    bands = []
    for part in body.split(","):
        match = BAND.match(part)
        if not match:
            raise ProfileInvalid(
                _("Line %(number)d: write bands like ‘0-2, 3-5, 6+’, not ‘%(part)s’")
                % {"number": line, "part": part.strip()}
            )
        low, high, open_ended = match.groups()
        low_number = _number(low)
        if open_ended:
            bands.append(
                {"min": low_number, "max": None, "label": _("%(low)s or more") % {"low": low}}
            )
            continue
        high_number = _number(high)
        if high_number < low_number:
            raise ProfileInvalid(
                _("Line %(number)d: the band ‘%(part)s’ ends before it starts")
                % {"number": line, "part": part.strip()}
            )
        bands.append({"min": low_number, "max": high_number, "label": f"{low}–{high}"})
    ordered = sorted(bands, key=lambda band: band["min"])
    for before, after in pairwise(ordered):
        if before["max"] is None or before["max"] >= after["min"]:
            raise ProfileInvalid(_("Line %(number)d: bands overlap") % {"number": line})
    return ordered


def _number(text: str) -> int | float:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ProfileInvalid(text) from None
    return int(value) if value == value.to_integral_value() else float(value)


def _merges(body: str, line: int, question: QuestionSpec) -> dict[str, str]:
    known = {choice.value for choice in question.kind.options(question)}
    merge: dict[str, str] = {}
    for group in body.split(";"):
        if not group.strip():
            continue
        label, separator, values = group.partition("=")
        label = label.strip()
        if not separator or not label or not values.split():
            raise ProfileInvalid(
                _("Line %(number)d: write groups like ‘school = primary secondary’")
                % {"number": line}
            )
        for value in values.split():
            if value not in known:
                raise ProfileInvalid(
                    _("Line %(number)d: ${%(code)s} has no option ‘%(value)s’")
                    % {"number": line, "code": question.code, "value": value}
                )
            merge[value] = label
    return merge


def generalise_rules_format(rules: dict) -> str:
    lines = []
    for code, rule in rules.items():
        if "bands" in rule:
            parts = [
                f"{_plain(band['min'])}+"
                if band["max"] is None
                else f"{_plain(band['min'])}-{_plain(band['max'])}"
                for band in rule["bands"]
            ]
            lines.append(f"{code}: {', '.join(parts)}")
        elif "merge" in rule:
            groups: dict[str, list[str]] = {}
            for value, label in rule["merge"].items():
                groups.setdefault(label, []).append(value)
            body = "; ".join(f"{label} = {' '.join(values)}" for label, values in groups.items())
            lines.append(f"{code}: {body}")
    return "\n".join(lines)


def _plain(number) -> str:
    return str(number)
