"""`manage.py unlink_now`: run the unlinking batches at once, whatever the interval.

For operators (before a backup, or after the worker was down), scripts and tests. It is the
same work the periodic task does (responses.unlinking).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from responses.unlinking import unlinking_run


class Command(BaseCommand):
    help = (
        "Rewrite every survey's used invitations and follow-up contacts that are waiting, so that "
        "the database can no longer tie them to answers by time."
    )

    def handle(self, *args, **options):
        results = unlinking_run(now=timezone.now())
        for result in results:
            self.stdout.write(
                f"{result.survey_slug}: {result.invitations} used invitations and "
                f"{result.contacts} follow-up contacts rewritten; "
                f"{result.released} contacts released to the research team"
            )
        self.stdout.write(f"Unlinked {len(results)} surveys.")
