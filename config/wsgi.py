import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Import every view now, while the worker boots, rather than on the first request it serves:
# otherwise the first respondent after a (re)start waits for the whole URL configuration
# (allauth, its MFA and WebAuthn libraries…) to be imported.
get_resolver().url_patterns  # noqa: B018
