"""The ceiling: the least work a Django view can do to take a page of answers.

No template, no form class, no session: the posted fields become one JSON row in one INSERT,
and the answer is a redirect, as a survey page's is. Whatever Candour's pages cost above this
is theirs; what this costs is Django, gunicorn and the database under the same settings.
"""

from django.http import HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bench.ceiling.models import Submission


@csrf_exempt
@require_POST
def submission(request):
    Submission.objects.create(answers={key: request.POST.getlist(key) for key in request.POST})
    return HttpResponseRedirect("/bench/ceiling/")
