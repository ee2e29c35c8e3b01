"""Writing a survey's data files: the row source, through the cleaning steps, into the writers.

    rows (SQL, streamed) → judge (drop / flag) → extract cells → transform (redact, suppress)
        → SPSS, Stata                          (cells)
        → JSON Lines                           (flat cells: codes or labels, blanks)
        → CSV, Excel                           (flat cells, formulas neutralised)

One pass over the responses feeds every format, so they hold exactly the same rows in the same
order. Only the disclosure check reads the rows once more beforehand, lightly (see its module).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exports.cleaning import STEPS, CleaningContext, CleaningStep, Formulas, StepReport
from exports.cleaning.base import DROP, FLAG
from exports.layout import FLAG as FLAG_SOURCE
from exports.layout import Layout, layout_build
from exports.options import ExportOptions
from exports.release import release_rules
from exports.rows import SystemCells, VersionExtractor, date_precision, system_variables
from exports.source import RowSource, database_tuned
from exports.values import NOT_ASKED
from exports.writers import WRITERS, FlatCells, Writer
from surveys.models import Survey, SurveyVersion
from surveys.schema import instrument_for_version

Progress = Callable[[int, int], None]


class NothingToExport(Exception):
    """No published version with responses to export, or no rows left after cleaning."""


@dataclass(frozen=True)
class Dataset:
    layout: Layout
    files: dict[str, Path]  # data file by format
    steps: list[StepReport]
    counts: dict
    version_numbers: tuple[int, ...]
    small_groups: list[dict]
    text_widths: dict[str, int]  # the CSV's widest text per variable key, for load.sps


def dataset_write(
    *,
    survey: Survey,
    options: ExportOptions,
    directory: Path,
    override_disclosure: bool = False,
    progress: Progress | None = None,
) -> Dataset:
    """Write the data files the options ask for into `directory` (options carry the seed)."""
    if options.seed is None:
        raise ValueError("dataset_write needs options with a seed")
    with database_tuned():
        return _dataset_write(
            survey=survey,
            options=options,
            directory=directory,
            override_disclosure=override_disclosure,
            progress=progress,
        )


def _dataset_write(*, survey, options, directory, override_disclosure, progress) -> Dataset:
    source = RowSource(survey=survey, seed=options.seed, shuffle=options.shuffle)
    context = CleaningContext(
        survey=survey,
        options=options,
        rules=release_rules(survey=survey),
        source=source,
        override_disclosure=override_disclosure,
    )
    steps = [step(context) for step in STEPS]
    active = [step for step in steps if step.enabled]
    for step in active:
        step.restrict(source)
    versions = _versions(source)
    context.instruments = {v.pk: instrument_for_version(v) for v in versions}
    layout, sources = layout_build(
        instruments={v.number: context.instruments[v.pk] for v in versions},
        system=system_variables(options=options, survey=survey),
    )
    context.layout = layout
    for step in active:
        step.shape(layout)
    for step in active:
        if step.flags and step.flag is not None:
            step.flag_position = layout.position(f"{FLAG_SOURCE}/{step.flag[0]}")
    markers = markers_wanted(options=options, active=active)

    def extractor_for(version_id: int, codes: set[str] | None = None) -> VersionExtractor:
        number = next(v.number for v in versions if v.pk == version_id)
        return VersionExtractor(
            instrument=context.instruments[version_id],
            sources=sources[number],
            layout=layout,
            only_codes=codes,
            not_asked=NOT_ASKED if markers else None,
        )

    context.judges = [step for step in active if step.judges_rows]
    context.extractor_for = extractor_for
    for step in active:
        step.prepare(context)
    run = _Run(
        context=context, active=active, directory=directory, versions=versions, markers=markers
    )
    run.stream(extractor_for=extractor_for, progress=progress)
    if not run.rows_written:
        raise NothingToExport("No responses are left to export after cleaning.")
    disclosure = next((s for s in active if s.key == "disclosure"), None)
    return Dataset(
        layout=layout,
        files=run.files,
        steps=[step.report() for step in steps],
        counts={
            "responses_read": run.rows_read,
            "rows_written": run.rows_written,
            "variables": len(layout.variables),
            "steps": {step.key: step.report()["counts"] for step in steps if step.enabled},
        },
        version_numbers=layout.version_numbers,
        small_groups=list(disclosure.combinations) if disclosure is not None else [],
        text_widths=run.text_widths(),
    )


def markers_wanted(*, options: ExportOptions, active: list[CleaningStep]) -> bool:
    """Whether cells carry the missing markers (`NOT_ASKED`, `SUPPRESSED`) or plain `None`.

    Only SPSS and Stata files, missing codes in flat files and the small-group check (which
    counts "not asked" as a value of its own, and writes `SUPPRESSED`) tell a question not
    asked from one not answered. CSV, Excel and JSON Lines files without missing codes show
    both as blank: for them alone, cells never hold a marker, so they need no blanking before
    they are written (a tenth of a CSV export's time at 100k responses)."""
    return (
        options.missing_codes
        or any(WRITERS[name].reads == "cells" for name in options.formats)
        or any(step.key == "disclosure" for step in active)
    )


def _versions(source: RowSource) -> list[SurveyVersion]:
    ids = source.version_ids()
    if not ids:
        raise NothingToExport("There are no responses to export.")
    return list(SurveyVersion.objects.filter(pk__in=ids).order_by("number"))


def data_file_name(*, survey: Survey, writer: type[Writer]) -> str:
    return f"{survey.slug}.{writer.extension}"


class _Run:
    """One pass over the rows into every writer."""

    def __init__(self, *, context: CleaningContext, active, directory: Path, versions, markers):
        self.context = context
        options, layout = context.options, context.layout
        self.judges: list[CleaningStep] = [step for step in context.judges if step.judging]
        self.transformers = [s for s in active if s.transforms_cells]
        self.formulas: Formulas | None = next((s for s in active if isinstance(s, Formulas)), None)
        self.system = SystemCells(
            layout=layout,
            version_numbers={v.pk: v.number for v in versions},
            precision=date_precision(options=options, survey=context.survey),
        )
        self.system.shuffled_ids = options.shuffle
        self.flat = FlatCells(layout=layout, options=options, markers=markers)
        self.writers: list[Writer] = [
            WRITERS[name](
                path=directory / data_file_name(survey=context.survey, writer=WRITERS[name]),
                layout=layout,
                options=options,
                title=context.survey.title,
            )
            for name in options.formats
        ]
        self.files = {w.format: w.path for w in self.writers}
        self.rows_read = 0
        self.rows_written = 0

    def text_widths(self) -> dict[str, int]:
        csv_writer = next((w for w in self.writers if w.format == "csv"), None)
        return csv_writer.text_widths() if csv_writer is not None else {}

    def stream(self, *, extractor_for, progress: Progress | None) -> None:
        source = self.context.source
        total = source.count()
        every = max(1, total // 100)
        extractors: dict[int, VersionExtractor] = {}
        by_reading = {
            reads: [w for w in self.writers if w.reads == reads]
            for reads in ("cells", "flat", "sheet")
        }
        for judge in self.judges:
            judge.start_pass(counting=True)
        try:
            for row in source.rows():
                self.rows_read += 1
                if progress is not None and self.rows_read % every == 0:
                    progress(self.rows_read, total)
                flagged = self._judge(row)
                if flagged is None:
                    continue
                extractor = extractors.get(row.version_id)
                if extractor is None:
                    extractor = extractors[row.version_id] = extractor_for(row.version_id)
                cells = extractor.cells(row.answers)
                self.system.fill(cells, row)
                for step in flagged:
                    cells[step.flag_position] = 1
                for step in self.transformers:
                    step.transform(cells)
                self._write(cells, by_reading)
        except BaseException:
            for writer in self.writers:
                writer.abort()
            raise
        for writer in self.writers:
            writer.close()
        if progress is not None:
            progress(self.rows_read, max(total, self.rows_read))

    def _judge(self, row) -> list[CleaningStep] | None:
        """The steps that flag this row, or None when one drops it."""
        flagged = []
        for step in self.judges:
            verdict = step.judge(row)
            if verdict == DROP:
                step.tally(DROP)
                return None
            if verdict == FLAG:
                step.tally(FLAG)
                if step.flag_position is not None:
                    flagged.append(step)
        return flagged

    def _write(self, cells: list, by_reading: dict[str, list[Writer]]) -> None:
        self.rows_written += 1
        for writer in by_reading["cells"]:
            writer.write(cells)
        if by_reading["flat"] or by_reading["sheet"]:
            flat = self.flat.present(cells)
            for writer in by_reading["flat"]:
                writer.write(flat)
            if by_reading["sheet"]:
                sheet = self.formulas.neutralise(flat) if self.formulas is not None else flat
                for writer in by_reading["sheet"]:
                    writer.write(sheet)
