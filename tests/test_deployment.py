"""docker-compose, the Dockerfile and the Procfile of `make run` describe the same processes."""

import re

import yaml

from tests.support.workers import ROOT

PROCESSES = ("web", "worker", "beat")


def _procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _normalise(command: str) -> str:
    return re.sub(r"\s+", " ", command).strip()


def test_the_procfile_runs_web_worker_and_beat():
    assert set(_procfile()) == set(PROCESSES)


def test_compose_runs_each_process_with_the_procfile_command():
    procfile = _procfile()
    services = _compose()["services"]
    for name in PROCESSES:
        command = _normalise(services[name]["command"])
        assert command.endswith(procfile[name]) or command.endswith(f'exec {procfile[name]}"'), (
            f"docker-compose `{name}` runs `{command}`, the Procfile `{procfile[name]}`"
        )


def test_the_web_service_migrates_and_collects_static_files_before_serving():
    command = _normalise(_compose()["services"]["web"]["command"])
    assert command.index("migrate --noinput") < command.index("collectstatic --noinput")
    assert command.index("collectstatic --noinput") < command.index("gunicorn")


def test_the_image_default_command_is_the_procfile_web_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, flags=re.MULTILINE).group(1)
    assert " ".join(yaml.safe_load(cmd)) == _procfile()["web"]


def test_every_service_has_a_health_check_and_data_lives_in_named_volumes():
    compose = _compose()
    for name, service in compose["services"].items():
        assert "healthcheck" in service, f"{name} has no healthcheck"
    named = set(compose["volumes"])
    for name in ("postgres", "redis", "web", "worker", "beat"):
        for volume in compose["services"][name].get("volumes", []):
            assert volume.split(":")[0] in named, f"{name} mounts {volume}, not a named volume"
    assert {"postgres-data", "redis-data", "media"} <= named


def test_web_and_worker_share_the_media_volume_for_exported_files():
    services = _compose()["services"]
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert "media:/app/var/media" in services["worker"]["volumes"]


def test_the_web_service_is_published_on_the_loopback_interface_only():
    for port in _compose()["services"]["web"]["ports"]:
        assert port.startswith("127.0.0.1:"), port


def test_forwarded_headers_are_trusted_from_the_networks_gateway_only():
    compose = _compose()
    environment = compose["x-candour-environment"]
    [network] = compose["networks"]["default"]["ipam"]["config"]

    trusted = environment["FORWARDED_ALLOW_IPS"]
    assert "*" not in trusted
    assert trusted == "${FORWARDED_ALLOW_IPS:-172.30.240.1}"
    assert network["gateway"] == "${CANDOUR_NETWORK_GATEWAY:-172.30.240.1}"


def test_compose_refuses_to_start_without_a_code_pepper():
    environment = _compose()["x-candour-environment"]

    assert environment["CANDOUR_CODE_PEPPER"] == "${CANDOUR_CODE_PEPPER:?set CANDOUR_CODE_PEPPER}"


def test_every_candour_service_keeps_little_log_and_gunicorn_logs_through_candours_handler():
    services = _compose()["services"]
    for name in PROCESSES:
        assert services[name]["logging"]["options"] == {"max-size": "10m", "max-file": "3"}
    gunicorn = (ROOT / "config" / "gunicorn.py").read_text()
    assert gunicorn.count("config.logs.RespondentSafeStreamHandler") == 2
