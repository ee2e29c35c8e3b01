"""The worked examples in docs/api.md run as written against a real server with the demo survey
and a real worker: the curl commands, the Python (httpx) script and, where R and httr2 are
installed, the R script. Each submits the documented response, exports and downloads the zip."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.demo import demo_researcher_seed
from api.tokens import token_create
from config.env import env_bool
from responses.models import Response

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _block(after_heading: str, language: str) -> str:
    section = DOC.read_text().split(after_heading, 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def demo(live_server, celery_worker, tmp_path):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    researcher = demo_researcher_seed()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=researcher.email)
    token = token_create(user=user, name="docs", scopes=["read", "submit", "export"]).text
    (tmp_path / "response.json").write_text(_block("does not use a risk-assessment tool", "json"))
    env = {**os.environ, "CANDOUR": live_server.url, "CANDOUR_TOKEN": token, "TOKEN": token}
    return tmp_path, env


def _package_is_complete(folder: Path) -> None:
    names = zipfile.ZipFile(folder / "candour-export.zip").namelist()
    assert "complex-safeguarding.csv" in names
    assert "complex-safeguarding.sav" in names


def _run(command: list[str], folder: Path, env: dict) -> str:
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_curl_examples(demo):
    folder, env = demo
    script = _block("### curl", "sh")
    script = re.sub(r"^export (CANDOUR|TOKEN)=.*$", "", script, flags=re.M)

    _run(["bash", "-e", "-c", script], folder, env)

    _package_is_complete(folder)
    assert Response.objects.filter(channel="api", status="complete").count() == 1


def test_the_python_example(demo):
    folder, env = demo
    (folder / "example.py").write_text(_block("### Python (httpx)", "python"))

    output = _run([sys.executable, "example.py"], folder, env)

    assert "stored " in output
    assert "downloaded candour-export.zip" in output
    _package_is_complete(folder)


def _r_with_httr2() -> None:
    """Skip without R's httr2 and jsonlite (make data-tools installs them), unless CI needs them."""
    if shutil.which("Rscript"):
        check = subprocess.run(
            ["Rscript", "-e", "library(httr2); library(jsonlite)"], capture_output=True, check=False
        )
        if check.returncode == 0:
            return
    reason = "R with httr2 and jsonlite is not installed (make data-tools installs them)"
    if env_bool("CANDOUR_REQUIRE_DATA_TOOLS", False):
        pytest.fail(f"CANDOUR_REQUIRE_DATA_TOOLS=1, but {reason}")
    pytest.skip(reason)


def test_the_r_example(demo):
    _r_with_httr2()
    folder, env = demo
    (folder / "example.R").write_text(_block("### R (httr2)", "r"))

    output = _run(["Rscript", "example.R"], folder, env)

    assert "stored " in output
    _package_is_complete(folder)
