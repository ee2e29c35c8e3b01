"""`manage.py export SLUG --out DIR`: build a survey's dataset package here, in this process.

The same pipeline as export jobs (exports.pipeline.package_build), the same options. The last
line printed is the zip's path, so scripts can use it:
`zip=$(manage.py export x --out d | tail -1)`.
A wrong slug, format or option is one line on stderr and exit status 1 (2 for an argument the
command does not know), never a traceback.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exports.options import ExportOptions, OptionsInvalid
from exports.pipeline import DisclosureBlocked, NothingToExport, package_build
from exports.release import ReleaseProfileInvalid
from surveys.models import Survey

SWITCHES = {  # --flag: (option, value it sets)
    "no_bom": ("csv_bom", False),
    "include_test": ("include_test", True),
    "keep_duplicates": ("drop_duplicates", False),
    "no_redaction": ("redact_free_text", False),
    "keep_formulas": ("neutralise_formulas", False),
    "no_disclosure_check": ("disclosure_check", False),
    "no_shuffle": ("shuffle", False),
    "missing_codes": ("missing_codes", True),
}
CHOICES = ("values", "incomplete", "speeders", "straightlining", "dates")


class Command(BaseCommand):
    help = (
        "Build a survey's cleaned, anonymised dataset package (data files, codebook, cleaning "
        "report, load.R, load.sps, manifest) as a zip in --out, and print its path last."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.called_from_command_line:
            # One line, not argparse's usage block: "export: error: unrecognized arguments: …"
            parser.error = lambda message: parser.exit(2, f"{subcommand}: error: {message}\n")
        return parser

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The survey's slug, e.g. complex-safeguarding.")
        parser.add_argument("--out", required=True, help="Folder to write the zip into.")
        parser.add_argument(
            "--format",
            default="csv,xlsx,sav,dta,jsonl",
            help="Comma-separated: csv,xlsx,sav,dta,jsonl.",
        )
        parser.add_argument("--seed", help="Whole number: the same seed gives the same files.")
        parser.add_argument(
            "--values", help="codes (default) or labels, in CSV, Excel, JSON Lines."
        )
        parser.add_argument(
            "--incomplete", help="Unfinished responses: exclude (default), include, flag."
        )
        parser.add_argument("--speeders", help="off, flag (default) or drop.")
        parser.add_argument("--speeder-fraction", help="Below this share of the median time (1/3).")
        parser.add_argument("--straightlining", help="off, flag (default) or drop.")
        parser.add_argument(
            "--dates", help="Start and submission dates: none, month (default), date."
        )
        parser.add_argument("--no-bom", action="store_true", help="CSV without a byte-order mark.")
        parser.add_argument(
            "--include-test", action="store_true", help="Keep test responses (flagged)."
        )
        parser.add_argument(
            "--keep-duplicates", action="store_true", help="Do not drop exact duplicates."
        )
        parser.add_argument(
            "--no-redaction", action="store_true", help="Leave free text unredacted."
        )
        parser.add_argument(
            "--keep-formulas", action="store_true", help="Do not neutralise formulas."
        )
        parser.add_argument(
            "--no-disclosure-check", action="store_true", help="Skip the small-group check."
        )
        parser.add_argument(
            "--no-shuffle", action="store_true", help="Keep rows in start-date order."
        )
        parser.add_argument(
            "--missing-codes", action="store_true", help="Missing codes in flat files."
        )
        parser.add_argument(
            "--override-disclosure",
            action="store_true",
            help="Release small groups even when the release profile blocks them.",
        )

    def handle(self, *args, slug: str, out: str, **given) -> None:
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            raise CommandError(f"No survey has the slug ‘{slug}’.")
        options = _options(given)
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot use --out {out}: {error.strerror}.") from None
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder))
        try:
            result = package_build(
                survey=survey,
                options=options,
                directory=work,
                override_disclosure=given["override_disclosure"],
            )
            final = folder / result.path.name
            result.path.replace(final)
        except (NothingToExport, ReleaseProfileInvalid) as error:
            raise CommandError(str(error)) from None
        except DisclosureBlocked as error:
            raise CommandError(" ".join(error.reason.split())) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
        counts = result.counts
        self.stdout.write(
            f"{counts['rows_written']} of {counts['responses_read']} responses, "
            f"{counts['variables']} variables, seed {result.seed}."
        )
        self.stdout.write(str(final.resolve()))


def _options(given: dict) -> ExportOptions:
    values: dict = {"formats": [f.strip() for f in given["format"].split(",") if f.strip()]}
    for name in CHOICES:
        if given[name] is not None:
            values[name] = given[name]
    for flag, (option, value) in SWITCHES.items():
        if given[flag]:
            values[option] = value
    try:
        if given["seed"] is not None:
            values["seed"] = _number(given["seed"], "--seed", int)
        if given["speeder_fraction"] is not None:
            values["speeder_fraction"] = _number(
                given["speeder_fraction"], "--speeder-fraction", float
            )
        return ExportOptions(**values)
    except OptionsInvalid as error:
        raise CommandError(str(error)) from None


def _number(text: str, name: str, kind):
    try:
        return kind(text)
    except ValueError:
        raise OptionsInvalid(f"{name}: {text} is not a number") from None
