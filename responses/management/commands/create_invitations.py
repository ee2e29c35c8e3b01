"""Create single-use invitation codes for an invitation-only survey and print them once.

Only keyed hashes are stored: keep the printed codes (e.g. redirect to a file) to send them out.
The codes are printed in an order unrelated to the order they are stored in, so handing them out
in the printed order does not tie a stored invitation to the person who received it.
"""

from django.core.management.base import BaseCommand, CommandError

from audit.models import AuditEvent
from audit.services import audit_record
from responses.services import invitations_create
from surveys.models import Survey


class Command(BaseCommand):
    help = "Create single-use invitation codes for a survey; prints each code once."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("count", type=int)
        parser.add_argument("--batch", default="", help="A label for this batch of invitations")

    def handle(self, *args, slug, count, batch, **options):
        try:
            survey = Survey.objects.get(slug=slug)
        except Survey.DoesNotExist:
            raise CommandError(f"No survey with slug {slug!r}") from None
        if not 1 <= count <= 10000:
            raise CommandError("count must be from 1 to 10000")
        if not survey.invitation_only:
            self.stderr.write(f"Note: {survey} is not invitation-only; codes are not asked for.")
        for code in invitations_create(survey=survey, count=count, batch=batch):
            self.stdout.write(code)
        audit_record(
            actor=None,
            action=AuditEvent.Action.INVITATIONS_CREATED,
            survey=survey,
            detail={"count": count, "batch": batch, "by": "manage.py create_invitations"},
        )
