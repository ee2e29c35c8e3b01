from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "responses"
    verbose_name = "Responses"

    def ready(self):
        from config.translations import translations_without_empty_fallbacks
        from responses import checks  # noqa: F401  (registers the deploy checks)

        # Every respondent page translates a dozen strings or more (config.translations).
        translations_without_empty_fallbacks()
