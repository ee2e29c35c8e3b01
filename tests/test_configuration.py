"""Configuration: environment variables with safe defaults, every one of them documented."""

import json
import os
import re
import subprocess
import sys

import pytest

from config.env import env_bool, env_int, env_list, env_str, load_dotenv
from tests.support.workers import ROOT

ENV_READ = re.compile(r"env_(?:str|bool|int|float|list)\(\s*\"([A-Z0-9_]+)\"")
COMPOSE_VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)")
SOURCES = ["config", "surveys", "responses", "exports", "tools", "tests/support"]


def _documented_variables() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z0-9_]+)=", text, flags=re.MULTILINE))


def _variables_read_by_code() -> set[str]:
    paths = [ROOT / "tests" / "conftest.py"]
    for folder in SOURCES:
        paths.extend((ROOT / folder).rglob("*.py"))
    return {name for path in paths for name in ENV_READ.findall(path.read_text())}


def _settings_under(env: dict) -> dict:
    """Settings as a fresh process sees them with exactly `env` (plus PATH)."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'],"
        "'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND'],"
        "'debug': s.DEBUG, 'https': s.SECURE_SSL_REDIRECT}))"
    )
    clean_env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CANDOUR_ENV_FILE": str(ROOT / "no-such.env"),
        **env,
    }
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean_env, capture_output=True, check=True
    )
    return json.loads(output.stdout)


def test_every_variable_the_code_reads_is_documented_in_env_example():
    missing = _variables_read_by_code() - _documented_variables()
    assert not missing, f"document these in .env.example: {sorted(missing)}"


def test_every_variable_docker_compose_uses_is_documented_in_env_example():
    used = set(COMPOSE_VARIABLE.findall((ROOT / "docker-compose.yml").read_text()))
    assert used - _documented_variables() == set()


def test_the_readme_configuration_table_lists_every_variable():
    readme = (ROOT / "README.md").read_text()
    missing = {name for name in _documented_variables() if f"`{name}`" not in readme}
    assert not missing, f"add these to the README's configuration table: {sorted(missing)}"


def test_with_nothing_configured_it_needs_no_server_and_is_not_in_debug_mode(tmp_path):
    settings = _settings_under({"CANDOUR_VAR_DIR": str(tmp_path)})

    assert settings == {
        "engine": "django.db.backends.sqlite3",
        "broker": "filesystem://localhost/",
        "cache": "django.core.cache.backends.filebased.FileBasedCache",
        "debug": False,
        "https": False,
    }


def test_with_database_and_redis_urls_it_uses_postgresql_and_redis(tmp_path):
    settings = _settings_under(
        {
            "CANDOUR_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://candour@db.internal:5432/candour",
            "REDIS_URL": "redis://cache.internal:6379/2",
            "DJANGO_HTTPS": "true",
        }
    )

    assert settings["engine"] == "config.postgresql"  # Django's, with a cheaper health check
    assert settings["broker"] == "redis://cache.internal:6379/2"
    assert settings["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["https"] is True


class TestEnvironmentHelpers:
    def test_an_empty_value_counts_as_unset(self, monkeypatch):
        monkeypatch.setenv("CANDOUR_EXAMPLE", "  ")
        assert env_str("CANDOUR_EXAMPLE", "fallback") == "fallback"
        assert env_bool("CANDOUR_EXAMPLE", True) is True
        assert env_int("CANDOUR_EXAMPLE", 7) == 7
        assert env_list("CANDOUR_EXAMPLE", ["a"]) == ["a"]

    @pytest.mark.parametrize(("raw", "expected"), [("1", True), ("Yes", True), ("off", False)])
    def test_booleans_accept_the_usual_spellings(self, monkeypatch, raw, expected):
        monkeypatch.setenv("CANDOUR_EXAMPLE", raw)
        assert env_bool("CANDOUR_EXAMPLE") is expected

    def test_a_malformed_value_fails_loudly_with_the_variable_name(self, monkeypatch):
        monkeypatch.setenv("CANDOUR_EXAMPLE", "maybe")
        with pytest.raises(ValueError, match="CANDOUR_EXAMPLE must be true or false"):
            env_bool("CANDOUR_EXAMPLE")
        monkeypatch.setenv("CANDOUR_EXAMPLE", "ten")
        with pytest.raises(ValueError, match="CANDOUR_EXAMPLE must be a whole number"):
            env_int("CANDOUR_EXAMPLE", 1)

    def test_lists_are_comma_separated_and_skip_blanks(self, monkeypatch):
        monkeypatch.setenv("CANDOUR_EXAMPLE", "a.example, b.example,,")
        assert env_list("CANDOUR_EXAMPLE", []) == ["a.example", "b.example"]


class TestDotenv:
    def test_it_fills_unset_variables_and_never_overrides_the_environment(
        self, tmp_path, monkeypatch
    ):
        dotenv = tmp_path / ".env"
        dotenv.write_text("# comment\n\nCANDOUR_A='quoted value'\nCANDOUR_B=from-file\n")
        monkeypatch.delenv("CANDOUR_A", raising=False)
        monkeypatch.setenv("CANDOUR_B", "from-environment")

        load_dotenv(dotenv)

        assert os.environ["CANDOUR_A"] == "quoted value"
        assert os.environ["CANDOUR_B"] == "from-environment"
        monkeypatch.delenv("CANDOUR_A")

    def test_a_line_that_is_not_key_equals_value_is_reported_with_its_number(self, tmp_path):
        dotenv = tmp_path / ".env"
        dotenv.write_text("CANDOUR_A=1\nnonsense\n")
        with pytest.raises(ValueError, match=r"\.env:2: expected KEY=VALUE"):
            load_dotenv(dotenv)
