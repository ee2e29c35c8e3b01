"""Static file storages that work out each file's address once per process.

A `{% static %}` tag asks the storage for the file's URL on every render: a dozen times per
respondent page, each an urljoin and quoting (and, with the manifest, a hashed-name lookup),
for an answer that cannot change while the storage lives. The storage object is made afresh
whenever STATIC_URL, STATIC_ROOT or STORAGES change (Django's setting_changed handlers), so a
cache held on it goes with it; DEBUG is part of the key because the manifest storage answers
unhashed names when DEBUG is on.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

URLS_KEPT = 1024  # a bound only: the names come from templates and code, a few dozen in all


class RememberedUrls:
    """Mixin: `url(name)` answered from memory after the first time."""

    def url(self, name, *args, **kwargs):
        if args or kwargs:  # `force` and the like: not the templates' question, not kept
            return super().url(name, *args, **kwargs)
        urls = self.__dict__.setdefault("_remembered_urls", {})
        key = (name, settings.DEBUG)
        url = urls.get(key)
        if url is None:
            url = super().url(name)
            if len(urls) >= URLS_KEPT:
                urls.clear()
            urls[key] = url
        return url


class StaticStorage(RememberedUrls, StaticFilesStorage):
    """Development and tests: files served as they are named."""


class ManifestStaticStorage(RememberedUrls, CompressedManifestStaticFilesStorage):
    """Production: hashed, compressed names from `collectstatic`'s manifest (whitenoise)."""
