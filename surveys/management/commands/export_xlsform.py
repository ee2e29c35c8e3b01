"""`manage.py export_xlsform SLUG --out PATH`: a survey's draft (or, with
`--published-version N`, a published version) as a file.

XLSForm by default; `--format json` writes the JSON instrument format instead. Both import
back as the same instrument (`import_xlsform`, `surveys.instrument_json.survey_import_json`).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys.instrument_json import instrument_json_export
from surveys.models import Survey
from surveys.xlsform import survey_export_xlsform


class Command(BaseCommand):
    help = "Write a survey's draft instrument (or a published version) as XLSForm or JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The survey's address.")
        parser.add_argument("--out", required=True, help="Where to write the file.")
        parser.add_argument(
            "--published-version", type=int, help="A published version number (default: the draft)."
        )
        parser.add_argument(
            "--format", dest="file_format", choices=["xlsform", "json"], default="xlsform"
        )

    def handle(self, *args, slug: str, out: str, file_format: str, **options):
        version = options["published_version"]
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            raise CommandError(f"No survey has the address {slug}.")
        published = None
        if version is not None:
            published = survey.versions.filter(number=version).first()
            if published is None:
                raise CommandError(f"{slug} has no published version {version}.")
        if file_format == "json":
            data = instrument_json_export(survey=survey, version=published).encode()
        else:
            data = survey_export_xlsform(survey=survey, version=published)
        try:
            Path(out).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror or error}.") from None
        what = f"version {version}" if version is not None else "the draft"
        self.stdout.write(f"Wrote {what} of ‘{survey.title}’ to {out}")
