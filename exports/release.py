"""A survey's release profile, read and checked once for an export: `ReleaseRules`.

`exports.models.ReleaseProfile` stores the researcher's choices as JSON; this turns them into
typed rules and says clearly what is wrong with them, before any row is read. A survey without
a profile releases under `ReleaseRules()`: no quasi-identifiers, nothing dropped, no names.

Generalise rules, by question code (single-column questions):
    {"years_in_role": {"bands": [{"min": 0, "max": 2, "label": "0–2 years"}, {"min": 3}]},
     "agency": {"merge": {"primary_school": "school", "secondary_school": "school"},
                "labels": {"school": "School"}}}
A band includes both ends; `min` or `max` may be left out; the label defaults to "3 or more",
"2 or less" or "0–2". Values in no band become "Other values". A merge maps option codes to a
new code; options not named keep their own; the new code's label comes from `labels`, else
from an option with that code, else from the labels of the options merged into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from surveys.models import Survey

OUTSIDE_BANDS = "Other values"


class ReleaseProfileInvalid(ValueError):
    """The release profile cannot be applied; the message says what to change."""


@dataclass(frozen=True)
class Band:
    low: Decimal | None
    high: Decimal | None
    label: str

    def holds(self, number: Decimal) -> bool:
        return (self.low is None or number >= self.low) and (
            self.high is None or number <= self.high
        )


@dataclass(frozen=True)
class Generalisation:
    """Bands for a number, or a merge of option codes: one per quasi-identifier at most."""

    bands: tuple[Band, ...] = ()
    merge: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def apply(self, value: Any) -> Any:
        if self.bands:
            return self.band_of(value)
        return self.merge.get(str(value), str(value))

    def band_of(self, value: Any) -> str:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return OUTSIDE_BANDS
        return next((band.label for band in self.bands if band.holds(number)), OUTSIDE_BANDS)


@dataclass(frozen=True)
class ReleaseRules:
    quasi_identifiers: tuple[str, ...] = ()
    k: int = 5
    generalise: dict[str, Generalisation] = field(default_factory=dict)
    small_groups: str = "suppress"  # or "block"
    drop_questions: tuple[str, ...] = ()
    redaction_terms: tuple[str, ...] = ()


def release_rules(*, survey: Survey) -> ReleaseRules:
    """The survey's release profile as rules; the defaults when it has none."""
    from exports.models import ReleaseProfile

    profile = ReleaseProfile.objects.filter(survey=survey).first()
    if profile is None:
        return ReleaseRules()
    return rules_from_profile(
        quasi_identifiers=profile.quasi_identifiers,
        k=profile.k,
        generalise=profile.generalise,
        small_groups=profile.small_groups,
        drop_questions=profile.drop_questions,
        redaction_terms=profile.redaction_terms,
    )


def rules_from_profile(
    *,
    quasi_identifiers: Any,
    k: Any,
    generalise: Any,
    small_groups: Any,
    drop_questions: Any,
    redaction_terms: Any,
) -> ReleaseRules:
    if not isinstance(k, int) or isinstance(k, bool) or k < 2:
        raise ReleaseProfileInvalid("k must be a whole number of 2 or more.")
    if small_groups not in ("suppress", "block"):
        raise ReleaseProfileInvalid("Small groups must be either suppressed or blocked.")
    if not isinstance(generalise, dict):
        raise ReleaseProfileInvalid("Generalise rules must map question codes to a rule.")
    return ReleaseRules(
        quasi_identifiers=_texts(quasi_identifiers, "Quasi-identifiers"),
        k=k,
        generalise={code: _generalisation(code, rule) for code, rule in generalise.items()},
        small_groups=small_groups,
        drop_questions=_texts(drop_questions, "Questions to drop"),
        redaction_terms=tuple(term for term in _texts(redaction_terms, "Names") if term.strip()),
    )


def _texts(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ReleaseProfileInvalid(f"{what} must be a list of text.")
    return tuple(dict.fromkeys(value))


def _generalisation(code: str, rule: Any) -> Generalisation:
    if not isinstance(rule, dict) or ("bands" in rule) == ("merge" in rule):
        raise ReleaseProfileInvalid(f"The rule for ${{{code}}} needs either bands or a merge.")
    if "bands" in rule:
        if not isinstance(rule["bands"], list) or not rule["bands"]:
            raise ReleaseProfileInvalid(f"The bands for ${{{code}}} must be a list of bands.")
        return Generalisation(bands=tuple(_band(code, band) for band in rule["bands"]))
    merge, labels = rule["merge"], rule.get("labels", {})
    if (
        not _text_map(merge)
        or not isinstance(labels, dict)
        or not all(isinstance(v, str) for v in labels.values())
    ):
        raise ReleaseProfileInvalid(
            f"The merge for ${{{code}}} must map option codes to new codes (text)."
        )
    return Generalisation(merge=dict(merge), labels={str(k): v for k, v in labels.items()})


def _text_map(value: Any) -> bool:
    return (
        isinstance(value, dict) and bool(value) and all(isinstance(v, str) for v in value.values())
    )


def _band(code: str, band: Any) -> Band:
    if not isinstance(band, dict) or not ({"min", "max"} & set(band)):
        raise ReleaseProfileInvalid(f"Each band for ${{{code}}} needs a min, a max or both.")
    try:
        low = None if band.get("min") is None else Decimal(str(band["min"]))
        high = None if band.get("max") is None else Decimal(str(band["max"]))
    except InvalidOperation:
        raise ReleaseProfileInvalid(f"Band limits for ${{{code}}} must be numbers.") from None
    if low is not None and high is not None and low > high:
        raise ReleaseProfileInvalid(f"A band for ${{{code}}} has its min above its max.")
    label = band.get("label") or _band_label(low, high)
    return Band(low=low, high=high, label=str(label))


def _band_label(low: Decimal | None, high: Decimal | None) -> str:
    if low is None:
        return f"{high} or less"
    if high is None:
        return f"{low} or more"
    return f"{low}–{high}"
