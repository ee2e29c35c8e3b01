"""config.static_storage: a static file's URL is worked out once, and follows the settings."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.test import override_settings

from config.static_storage import StaticStorage


def test_a_static_url_is_worked_out_once(monkeypatch):
    storage = StaticStorage()
    first = storage.url("css/candour.css")

    def fail(*args, **kwargs):
        raise AssertionError("worked out again")

    monkeypatch.setattr("django.contrib.staticfiles.storage.StaticFilesStorage.url", fail)
    assert storage.url("css/candour.css") == first == "/static/css/candour.css"


def test_the_static_tag_follows_a_new_static_url():
    assert static("js/candour.mjs") == "/static/js/candour.mjs"
    with override_settings(STATIC_URL="/assets/"):
        assert static("js/candour.mjs") == "/assets/js/candour.mjs"
    assert static("js/candour.mjs") == "/static/js/candour.mjs"


def test_the_project_storage_is_the_remembering_one():
    staticfiles_storage.url("css/candour.css")
    assert isinstance(staticfiles_storage._wrapped, StaticStorage)
