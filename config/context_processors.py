from django.conf import settings


def candour(request):
    return {"exit_url": settings.CANDOUR_EXIT_URL}
