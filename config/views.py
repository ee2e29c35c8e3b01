from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app
from config.health import DOWN, health_report


@require_GET
@never_cache
def healthz(request):
    report = health_report(celery_app)
    return JsonResponse(report.as_dict(), status=503 if report.status == DOWN else 200)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon is a static file."""
    return redirect(static("images/candour-icon.svg"))
