"""Leaving quickly: "Leave this site quickly" ends the respondent's visit, then goes elsewhere.

A practitioner on a shared laptop may need to hide the survey at once. The button, the Shift key
pressed three times and (where no control needs it) Escape all come here. This view deletes the
one cookie that ties the browser to its answers and sends the browser to a neutral site
(`CANDOUR_EXIT_URL`). Answers already saved stay saved, reachable only with a resume code;
whatever was typed on the page and not yet saved is not sent.

With JavaScript the page calls `location.replace`, so the page being left is dropped from the
browser's history. Without it, the page stays in the history, but every respondent page is sent
`Cache-Control: no-store`: Back fetches it again, and without the cookie a question page sends
the browser to the survey's start page as a newcomer sees it.

It answers GET as well as POST so that the button can be a plain link that works everywhere;
all it does is forget this browser's visit, which no other site gains anything by causing.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from responses.journey import respondent_view
from responses.respondent import clear_response_cookie


@respondent_view
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request, slug):
    http_response = redirect(settings.CANDOUR_EXIT_URL)
    clear_response_cookie(http_response, slug)
    http_response["Referrer-Policy"] = "no-referrer"
    return http_response
