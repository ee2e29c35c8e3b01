"""`manage.py import_xlsform PATH --owner EMAIL [--publish]`: a new draft survey from an XLSForm.

The last word printed is the new survey's address (slug), so scripts can read it. A file that
cannot be imported, or an unknown owner, is a CommandError naming the sheet and row: a clear
message and a non-zero exit, never a traceback.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from surveys.instrument_import import InstrumentInvalid
from surveys.xlsform import instrument_from_xlsform, survey_create_from_xlsform


class Command(BaseCommand):
    help = "Import an XLSForm workbook (.xlsx or .xls) as a new draft survey."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The XLSForm workbook.")
        parser.add_argument("--owner", required=True, help="E-mail address of the owner.")
        parser.add_argument("--slug", help="The survey's address (default: from the form_id).")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the draft as version 1 too."
        )

    def handle(self, *args, path: str, owner: str, slug: str | None, publish: bool, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None
        try:
            read = instrument_from_xlsform(data, filename=Path(path).name)
            result = survey_create_from_xlsform(
                read=read, owner=_owner(owner), slug=slug, publish=publish
            )
        except InstrumentInvalid as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"{path} cannot be imported; nothing was saved.\n{lines}") from None
        for line in result.report.lines():
            self.stdout.write(f"  {line}")
        survey = result.survey
        if publish:
            version = survey.current_version.number
            done = f"Imported and published ‘{survey.title}’ (version {version}) at"
        else:
            done = f"Imported ‘{survey.title}’ as a draft at"
        self.stdout.write(self.style.SUCCESS(f"{done} {survey.slug}"))


def _owner(email: str):
    users = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
    if not users:
        raise CommandError(f"No active user has the e-mail address {email}.")
    if len(users) > 1:
        raise CommandError(f"More than one user has the e-mail address {email}.")
    return users[0]
