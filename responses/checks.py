"""`check --deploy`: a production site must have its own code pepper (responses.codes)."""

from django.conf import settings
from django.core import checks

MINIMUM_PEPPER_LENGTH = 32


@checks.register(checks.Tags.security, deploy=True)
def code_pepper_is_set(app_configs, **kwargs):
    pepper = settings.CANDOUR_CODE_PEPPER
    if (
        pepper == settings.DEVELOPMENT_CODE_PEPPER
        or len(pepper) < MINIMUM_PEPPER_LENGTH
        or pepper == settings.SECRET_KEY
    ):
        return [
            checks.Error(
                "CANDOUR_CODE_PEPPER is not set to a long random value of its own.",
                hint=(
                    "Set it to at least 32 random characters, different from DJANGO_SECRET_KEY, "
                    "e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(50))'. Keep it "
                    "out of database backups: with it, a stolen database could be used to test "
                    "guessed codes. Changing it makes every code not yet used stop working."
                ),
                id="candour.E001",
            )
        ]
    return []
