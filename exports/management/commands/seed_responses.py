"""`manage.py seed_responses SLUG --count N`: add synthetic complete responses (for benchmarks)."""

from django.core.management.base import BaseCommand, CommandError

from exports.synthetic import NotPublished, responses_seed
from surveys.models import Survey


class Command(BaseCommand):
    help = (
        "Add N synthetic complete responses to a published survey's current version: valid "
        "answers made by each question type, inserted in batches. For benchmarks and trying "
        "exports at scale; never on a survey with real respondents."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The survey's slug, e.g. complex-safeguarding.")
        parser.add_argument("--count", type=int, required=True, help="How many responses to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, slug: str, count: int, seed: int, **options) -> None:
        if count < 1:
            raise CommandError("--count must be 1 or more.")
        survey = Survey.objects.filter(slug=slug).select_related("current_version").first()
        if survey is None:
            raise CommandError(f"No survey has the slug ‘{slug}’.")
        try:
            made = responses_seed(survey=survey, count=count, seed=seed)
        except NotPublished as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Added {made} synthetic responses to ‘{survey.title}’.")
