"""The cleaning report: what each step did, with its parameters and counts. The same content goes
into cleaning_report.json (for programs, and `PackageResult.report`) and cleaning_report.html
(for people; self-contained and escaped).

Small groups are counted here, never listed. A package travels (to a co-investigator, a data
archive): had it named "teacher × Orkney: 1", the one row whose quasi-identifiers were blanked
out would be that teacher again. The combinations themselves stay in Candour, on the export's
page, for the survey's owners and analysts, who can read the raw answers anyway
(`PackageResult.small_groups`)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict

from exports.cleaning import StepReport
from exports.dataset import Dataset
from exports.options import ExportOptions
from exports.package.documents import document_render
from surveys.models import Survey


class CleaningReport(TypedDict):
    survey: dict[str, str]
    versions: list[int]
    generated_at: str
    seed: int
    options: dict[str, Any]
    rows: dict[str, int]
    steps: list[StepReport]
    k: int | None
    small_groups: SmallGroups
    disclosure_override: bool


class SmallGroups(TypedDict):
    combinations: int  # combinations of the quasi-identifiers shared by fewer than k rows
    responses: int  # the rows in them


def cleaning_report(
    *,
    survey: Survey,
    dataset: Dataset,
    options: ExportOptions,
    generated_at: datetime,
    override_disclosure: bool,
) -> CleaningReport:
    disclosure = next(step for step in dataset.steps if step["key"] == "disclosure")
    overridden = override_disclosure and disclosure["enabled"] and bool(dataset.small_groups)
    return CleaningReport(
        survey={"slug": survey.slug, "title": survey.title},
        versions=list(dataset.version_numbers),
        generated_at=generated_at.isoformat(timespec="seconds"),
        seed=options.seed,
        options=options.to_json(),
        rows={
            "read": dataset.counts["responses_read"],
            "written": dataset.counts["rows_written"],
            "variables": dataset.counts["variables"],
        },
        steps=dataset.steps,
        k=disclosure["parameters"].get("k") if disclosure["enabled"] else None,
        small_groups=SmallGroups(
            combinations=len(dataset.small_groups),
            responses=sum(group["count"] for group in dataset.small_groups),
        ),
        disclosure_override=overridden,
    )


def report_write_json(report: CleaningReport, path: Path) -> None:
    path.write_text(json_text(report), encoding="utf-8")


def json_text(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n"


def report_write_html(report: CleaningReport, path: Path) -> None:
    steps = [
        {
            **step,
            "parameter_items": [(k, _shown(v)) for k, v in step["parameters"].items()],
            "count_items": [(k, _shown(v)) for k, v in step["counts"].items()],
        }
        for step in report["steps"]
    ]
    html = document_render("datasets/cleaning_report.html", {"report": {**report, "steps": steps}})
    path.write_text(html, encoding="utf-8")


def _shown(value) -> str:
    if isinstance(value, dict):
        return "\n".join(f"{key}: {_shown(item)}" for key, item in value.items()) or "none"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "none"
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
