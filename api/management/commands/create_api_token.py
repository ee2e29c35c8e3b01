"""`manage.py create_api_token --user EMAIL --scope read,submit,export [--days N] [--name NAME]`

Prints a new personal API token for the account, once (only a keyed hash is stored). For
operators and scripts; researchers make their own in the workspace (Account › API tokens).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.tokens import DEFAULT_DAYS, MAX_DAYS, ScopesInvalid, parse_scopes, token_create


class Command(BaseCommand):
    help = "Create a personal API token for a researcher and print it (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The researcher's e-mail address")
        parser.add_argument(
            "--scope", required=True, help="read, submit and/or export, e.g. read,export"
        )
        parser.add_argument(
            "--days", type=int, default=DEFAULT_DAYS, help=f"Days it lasts (1–{MAX_DAYS})"
        )
        parser.add_argument("--name", default="Command-line token", help="What it is for")

    def handle(self, *args, **options):
        user = (
            get_user_model().objects.filter(email__iexact=options["user"], is_active=True).first()
        )
        if user is None:
            raise CommandError(f"No active account has the e-mail address {options['user']}")
        try:
            scopes = parse_scopes(options["scope"])
        except ScopesInvalid as invalid:
            raise CommandError(str(invalid)) from None
        if not 1 <= options["days"] <= MAX_DAYS:
            raise CommandError(f"--days is from 1 to {MAX_DAYS}")
        new = token_create(user=user, name=options["name"], scopes=scopes, days=options["days"])
        self.stderr.write(
            f"Token for {user.email}, scopes {', '.join(scopes)}, expires "
            f"{new.token.expires_at:%Y-%m-%d}. It is shown only now:"
        )
        self.stdout.write(new.text)
