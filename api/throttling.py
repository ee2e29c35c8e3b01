"""A rate limit per token: requests per minute, counted in the cache (Redis, or files when
nothing is configured) with responses.counters. If the cache cannot be reached the request goes
ahead: the database, not Redis, is what a submission depends on."""

from __future__ import annotations

import logging

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from responses.counters import Window, counters

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 60


class TokenRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        token = request.auth
        if token is None:
            return True
        self.window = Window.now(WINDOW_SECONDS)
        try:
            count = counters().increment(self.window, f"api-token:{token.pk}")
        except Exception:  # an unreachable cache never stops the API
            logger.warning("Rate limit cache unavailable; allowing the API request")
            return True
        return count <= settings.CANDOUR_API_REQUESTS_PER_MINUTE

    def wait(self):
        import time

        return max(1, int(self.window.end - time.time()))
