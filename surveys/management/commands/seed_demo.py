"""`manage.py seed_demo`: the demo survey and its synthetic responses (run by `make run`)."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from surveys.demo import DEFAULT_SEED, DEMO_SLUG, demo_survey_seed
from surveys.services import PublishInvalid


class Command(BaseCommand):
    help = (
        f"Create the demo survey ‘{DEMO_SLUG}’, publish and open it, and add synthetic responses. "
        "Does nothing if it is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo survey and create it again."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed for the synthetic responses (default {DEFAULT_SEED}).",
        )

    def handle(self, *args, reset: bool, seed: int, **options) -> None:
        try:
            result = demo_survey_seed(reset=reset, seed=seed)
        except PublishInvalid as error:
            for problem in error.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                "The demo survey could not be published; nothing was saved."
            ) from None
        survey = result.survey
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Created the demo survey ‘{survey.title}’."))
        else:
            self.stdout.write(
                f"The demo survey ‘{survey.title}’ is already there (use --reset to recreate it)."
            )
        self.stdout.write(
            f"Respondents start at {reverse('responses:start', kwargs={'slug': survey.slug})} "
            f"({result.complete_count} complete and {result.partial_count} partial responses)."
        )
