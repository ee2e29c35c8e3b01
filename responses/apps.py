from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "responses"
    verbose_name = "Responses"

    def ready(self):
        from responses import checks  # noqa: F401  (registers the deploy checks)
