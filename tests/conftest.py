import os
from pathlib import Path

import pytest
from django.test import override_settings

from config.celery import app as celery_app
from config.env import env_bool
from tests.support import browser, redis_server, workers

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# next to it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Everything this session publishes goes to a queue only the session's own worker consumes.
celery_app.conf.task_default_queue = workers.TEST_QUEUE


def pytest_configure(config):
    from django.conf import settings

    # whitenoise warns on every request when the collected-static folder does not exist yet.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def quick_password_hashing():
    """Accounts are made in many tests; the production hasher is slow on purpose. Servers the
    tests start in other processes keep the production hasher, so their accounts are made there.
    (Not the `settings` fixture: some tests take a parameter of that name.)"""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def pytest_collection_modifyitems(config, items):
    reason = browser.browser_unavailable_reason()
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)
    if not reason or not any(item.get_closest_marker("browser") for item in items):
        return
    if env_bool("CANDOUR_REQUIRE_BROWSER", False):
        raise pytest.UsageError(
            f"CANDOUR_REQUIRE_BROWSER=1, but browser tests cannot run: {reason}"
        )
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": browser.CHROMIUM_PATH,
        "args": [*browser_type_launch_args.get("args", []), *browser.CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB"}


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real Celery worker process consuming this session's queue, on the test database."""
    from django.db import connection

    worker = workers.start_worker(
        database_settings=connection.settings_dict,
        log_path=tmp_path_factory.mktemp("celery") / "worker.log",
    )
    yield worker
    workers.stop_worker(worker)


@pytest.fixture
def private_redis():
    """A Redis server of this test's own, which the test may stop: (process, url)."""
    with redis_server.private_redis_server() as server:
        yield server
