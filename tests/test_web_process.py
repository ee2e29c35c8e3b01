"""What a web process loads. Workers build datasets with pandas, numpy and pyreadstat; web
processes must not import them (seconds of start-up and tens of MiB per process, for nothing)."""

import subprocess
import sys

from tests.support.workers import ROOT

HEAVY = ("pandas", "numpy", "pyreadstat", "xlsxwriter")


def test_loading_every_url_imports_no_dataset_library():
    script = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        f"print(','.join(name for name in {HEAVY!r} if name in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "", f"web processes import {loaded.stdout.strip()}"
