"""`manage.py seed_demo_researcher`: the demo researcher account (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_researcher_seed


class Command(BaseCommand):
    help = (
        "Create the demo researcher (owner of the demo survey) with a freshly generated password "
        "and print its e-mail and password. Refused unless DEBUG is on."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refused: the demo researcher is for development only (DJANGO_DEBUG is off)."
            )
        researcher = demo_researcher_seed()
        self.stdout.write(f"  Demo researcher: {researcher.email}")
        self.stdout.write(f"  Password (new each time): {researcher.password}")
        if not researcher.owns_demo_survey:
            self.stdout.write("  (No demo survey yet: run manage.py seed_demo, then this again.)")
