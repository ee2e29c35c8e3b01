"""Build a survey's dataset package: one zip that an analyst opens the same day.

    package_build(survey=…, options=…, directory=…) → PackageResult

The zip holds the data files the options ask for (CSV, Excel, SPSS, Stata, JSON Lines), the
codebook (CSV and HTML), the cleaning report (HTML and JSON), load.R and load.sps (with the CSV),
a README and manifest.json (survey, versions, options, seed, time, row counts, and the SHA-256 of
every other file). The same responses, options and seed give byte-identical data files, and
with the same `generated_at` the same zip. Everything is written under `directory`, which the
caller owns: it moves the zip to storage and deletes the rest. The zip is made as the export
runs: the first data file, when written front to back (CSV, JSON Lines), is compressed into it
while it grows (exports.package.archive); a failed export leaves no zip. Job code (Celery
tasks, schedules) and `manage.py export` both call this.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.utils import timezone

from exports.cleaning import DisclosureBlocked
from exports.dataset import Dataset, NothingToExport, data_file_name, dataset_write
from exports.options import ExportOptions
from exports.package.archive import Archive, sha256_of
from exports.package.codebook import codebook_rows, codebook_write_csv, codebook_write_html
from exports.package.report import (
    CleaningReport,
    cleaning_report,
    json_text,
    report_write_html,
    report_write_json,
)
from exports.package.scripts import load_r, load_sps
from exports.writers import WRITERS
from surveys.models import Survey

SEED_LIMIT = 2**53  # exact in JSON and JavaScript, fits ExportJob.seed

__all__ = ["DisclosureBlocked", "NothingToExport", "PackageResult", "package_build"]


@dataclass(frozen=True)
class PackageResult:
    path: Path  # the zip, inside `directory`
    sha256: str
    size: int
    seed: int  # the seed used (options.seed, or a fresh random one)
    counts: dict  # {"responses_read", "rows_written", "variables", "steps": {...}}
    report: CleaningReport  # the same content as cleaning_report.json
    # Each combination below k with its count: for the researchers' own export page only,
    # never written into the package (see exports.package.report).
    small_groups: list[dict]


def package_build(
    *,
    survey: Survey,
    options: ExportOptions,
    directory: Path,
    override_disclosure: bool = False,
    progress: Callable[[int, int], None] | None = None,
    generated_at: datetime | None = None,
) -> PackageResult:
    """Write the survey's package into `directory` and say where it is.

    Raises NothingToExport when no published version has responses or cleaning leaves no row,
    DisclosureBlocked when the release profile blocks small groups and nobody overrode it, and
    exports.release.ReleaseProfileInvalid when the profile cannot be applied.
    """
    if survey.current_version_id is None and not survey.versions.exists():
        raise NothingToExport(f"‘{survey.title}’ has no published version.")
    seed = options.seed if options.seed is not None else secrets.randbelow(SEED_LIMIT)
    options = options.with_seed(seed)
    generated_at = (generated_at or timezone.now()).astimezone(UTC).replace(microsecond=0)
    directory = Path(directory)
    files = directory / "files"
    files.mkdir(parents=True, exist_ok=True)
    stamp = generated_at.strftime("%Y-%m-%d-%H%M%S")
    path = directory / f"{survey.slug}-{stamp}.zip"
    with Archive(path) as archive:
        followed = _first_data_file_followed(archive, survey=survey, options=options, folder=files)
        dataset = dataset_write(
            survey=survey,
            options=options,
            directory=files,
            override_disclosure=override_disclosure,
            progress=progress,
        )
        archive.followed_complete()
        report = cleaning_report(
            survey=survey,
            dataset=dataset,
            options=options,
            generated_at=generated_at,
            override_disclosure=override_disclosure,
        )
        members = _documents(
            survey=survey, dataset=dataset, options=options, report=report, folder=files
        )
        manifest = files / "manifest.json"
        content = _manifest(survey, dataset, options, generated_at, members, archive.digests)
        manifest.write_text(json_text(content), encoding="utf-8")
        members.append(("manifest.json", manifest))
        for name, source in members:
            if name != followed:
                archive.add(name, source)
    return PackageResult(
        path=path,
        sha256=sha256_of(path),
        size=path.stat().st_size,
        seed=seed,
        counts=dataset.counts,
        report=report,
        small_groups=dataset.small_groups,
    )


def _first_data_file_followed(archive: Archive, *, survey, options, folder: Path) -> str | None:
    """The first data file goes into the zip while it is written, when its writer writes it
    front to back (see exports.package.archive): its name, or None."""
    writer = WRITERS[options.formats[0]]
    if not writer.appends_only:
        return None
    name = data_file_name(survey=survey, writer=writer)
    archive.follow(name, folder / name)
    return name


def _documents(
    *, survey, dataset: Dataset, options, report, folder: Path
) -> list[tuple[str, Path]]:
    """Data files first (in format order), then what explains them."""
    members = [(path.name, path) for path in dataset.files.values()]
    rows = codebook_rows(dataset.layout)
    codebook_write_csv(rows, folder / "codebook.csv", bom=options.csv_bom)
    codebook_write_html(rows, folder / "codebook.html", title=survey.title)
    report_write_json(report, folder / "cleaning_report.json")
    report_write_html(report, folder / "cleaning_report.html")
    members += [
        (name, folder / name)
        for name in (
            "codebook.csv",
            "codebook.html",
            "cleaning_report.html",
            "cleaning_report.json",
        )
    ]
    if "csv" in dataset.files:
        csv_name = dataset.files["csv"].name
        (folder / "load.R").write_text(
            load_r(layout=dataset.layout, options=options, csv_name=csv_name), encoding="utf-8"
        )
        (folder / "load.sps").write_text(
            load_sps(
                layout=dataset.layout,
                options=options,
                csv_name=csv_name,
                widths=dataset.text_widths,
            ),
            encoding="utf-8",
        )
        members += [("load.R", folder / "load.R"), ("load.sps", folder / "load.sps")]
    (folder / "README.txt").write_text(_readme(survey, dataset, options, members), encoding="utf-8")
    members.append(("README.txt", folder / "README.txt"))
    return members


def _manifest(survey, dataset: Dataset, options, generated_at, members, digests) -> dict:
    """`digests`: the SHA-256 of files already worked out (as they went into the zip)."""
    return {
        "survey": {"slug": survey.slug, "title": survey.title},
        "versions": list(dataset.version_numbers),
        "options": options.to_json(),
        "seed": options.seed,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "counts": {
            "responses_read": dataset.counts["responses_read"],
            "rows_written": dataset.counts["rows_written"],
            "variables": dataset.counts["variables"],
        },
        "files": {
            name: {"sha256": digests.get(name) or sha256_of(path), "size": path.stat().st_size}
            for name, path in members
        },
    }


DESCRIPTIONS = {
    "codebook.csv": "Every variable: names, labels, values, missing codes, when it is asked.",
    "codebook.html": "The codebook, to read in a browser.",
    "cleaning_report.html": "What was removed, flagged, redacted and suppressed, and why.",
    "cleaning_report.json": "The cleaning report, for programs.",
    "load.R": 'Reads the CSV into R with labelled factors: source("load.R").',
    "load.sps": "Reads the CSV into SPSS with labels (the .sav has them too).",
    "README.txt": "This file.",
}


def _readme(survey, dataset: Dataset, options, members) -> str:
    lines = [
        survey.title,
        "",
        f"{dataset.counts['rows_written']} responses, {dataset.counts['variables']} variables, "
        f"questionnaire version(s) {', '.join(map(str, dataset.version_numbers))}.",
        "One row per response, in random order, with random ids made for this export only."
        if options.shuffle
        else "One row per response, in the order they were started, numbered R1, R2, ….",
        "",
        "Files:",
    ]
    lines += [f"  {path.name}: {WRITERS[name].description}" for name, path in dataset.files.items()]
    documents = [name for name, _ in members if name in DESCRIPTIONS] + ["README.txt"]
    lines += [f"  {name}: {DESCRIPTIONS[name]}" for name in documents]
    lines.append("  manifest.json: Survey, options, seed, counts and the SHA-256 of every file.")
    return "\n".join(lines) + "\n"
