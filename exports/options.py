"""What an export is asked to do: one documented shape shared by the command, the researcher pages,
schedules and the API. Stored as JSON on ExportJob and ExportSchedule (`to_json` / `from_json`).

The survey's *release profile* (exports.models.ReleaseProfile: quasi-identifiers, bands and merges,
variables to drop, names to redact) is not an option: every export of the survey applies it, so a
cleaned dataset is the same whoever asks and however. Options choose formats and switch steps.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

FORMATS = ("csv", "xlsx", "sav", "dta", "jsonl")
VALUE_MODES = ("codes", "labels")  # CSV, Excel and JSON Lines; SPSS and Stata carry both
INCOMPLETE_MODES = ("exclude", "include", "flag")
FLAG_MODES = ("off", "flag", "drop")
DATE_PRECISIONS = ("none", "month", "date")


class OptionsInvalid(ValueError):
    """Options that cannot be run; the message names the option and what it accepts."""


@dataclass(frozen=True)
class ExportOptions:
    formats: tuple[str, ...] = FORMATS
    # CSV/Excel/JSON Lines cells hold option codes ("police") or their labels ("Police officer").
    values: str = "codes"
    # A UTF-8 byte-order mark so that Excel opens the CSV as UTF-8.
    csv_bom: bool = True
    # Unfinished responses: left out, included (with a status column), or included and flagged.
    incomplete: str = "exclude"
    include_test: bool = False
    drop_duplicates: bool = True
    # Speeders: time spent below `speeder_fraction` of the median of complete responses.
    speeders: str = "flag"
    speeder_fraction: float = 1 / 3
    # Straight-lining: every statement of a matrix given the same answer.
    straightlining: str = "flag"
    redact_free_text: bool = True
    neutralise_formulas: bool = True
    # Small-group (k-anonymity) check on the release profile's quasi-identifiers.
    disclosure_check: bool = True
    # Random row order and per-export response ids; the seed makes the output reproducible.
    shuffle: bool = True
    seed: int | None = None
    # How precisely the start and submission dates leave: not at all, by month, or by date.
    dates: str = "month"
    # CSV, Excel and JSON Lines: write "not answered", "not asked" and "suppressed" as the SPSS
    # missing codes (-99, -98, -97; their labels with `values="labels"`) instead of blanks.
    missing_codes: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        formats = (self.formats,) if isinstance(self.formats, str) else self.formats
        if not isinstance(formats, list | tuple):
            raise OptionsInvalid("formats: a list of " + ", ".join(FORMATS))
        _check_choices("formats", formats, FORMATS, many=True)
        # One order whatever order they were asked in: the package is the same either way.
        object.__setattr__(self, "formats", tuple(f for f in FORMATS if f in formats))
        if not self.formats:
            raise OptionsInvalid("formats: choose at least one of " + ", ".join(FORMATS))
        _check_choices("values", self.values, VALUE_MODES)
        _check_choices("incomplete", self.incomplete, INCOMPLETE_MODES)
        _check_choices("speeders", self.speeders, FLAG_MODES)
        _check_choices("straightlining", self.straightlining, FLAG_MODES)
        _check_choices("dates", self.dates, DATE_PRECISIONS)
        _check_flags(self)
        if isinstance(self.speeder_fraction, bool) or not isinstance(
            self.speeder_fraction, int | float
        ):
            raise OptionsInvalid("speeder_fraction: a fraction between 0 and 1, like 0.33")
        if not 0 < self.speeder_fraction < 1:
            raise OptionsInvalid("speeder_fraction: a fraction between 0 and 1, like 0.33")
        seed = self.seed
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise OptionsInvalid("seed: a whole number")

    def with_seed(self, seed: int) -> ExportOptions:
        return ExportOptions(**{**self._values(), "seed": seed})

    def to_json(self) -> dict[str, Any]:
        data = self._values()
        data["formats"] = list(self.formats)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExportOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise OptionsInvalid("unknown options: " + ", ".join(unknown))
        values = dict(data)
        if "formats" in values:
            values["formats"] = tuple(values["formats"])
        try:
            return cls(**values)
        except TypeError as error:
            raise OptionsInvalid(str(error)) from None

    def _values(self) -> dict[str, Any]:
        return asdict(self)


BOOLEAN_OPTIONS = (
    "csv_bom",
    "include_test",
    "drop_duplicates",
    "redact_free_text",
    "neutralise_formulas",
    "disclosure_check",
    "shuffle",
    "missing_codes",
)


def _check_flags(options: ExportOptions) -> None:
    for name in BOOLEAN_OPTIONS:
        if not isinstance(getattr(options, name), bool):
            raise OptionsInvalid(f"{name}: true or false")


def _check_choices(name: str, value, allowed: tuple[str, ...], *, many: bool = False) -> None:
    chosen = value if many else (value,)
    if isinstance(value, str) and many:
        chosen = (value,)
    wrong = [item for item in chosen if item not in allowed]
    if wrong:
        listed = ", ".join(map(str, wrong))
        raise OptionsInvalid(f"{name}: {listed} is not one of {', '.join(allowed)}")
