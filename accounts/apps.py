from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Researchers' accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_started

        user_logged_in.connect(session_started, dispatch_uid="candour_session_started")
