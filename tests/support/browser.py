"""Browser-test support: Debian's Chromium through Playwright, and axe-core for accessibility."""

from functools import cache
from pathlib import Path

from config.env import env_str

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_PATH = env_str("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = ("serious", "critical")


def browser_unavailable_reason() -> str | None:
    if not Path(CHROMIUM_PATH).exists():
        return f"Chromium is not at {CHROMIUM_PATH}: install Debian's chromium or set CHROMIUM_PATH"
    if not AXE_SCRIPT.exists():
        return f"axe-core is not at {AXE_SCRIPT}: run `make test` (it runs npm ci)"
    return None


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text()


def axe_violations(page, impacts=BLOCKING_IMPACTS) -> list[dict]:
    """Run axe-core on the page as it is now; return the violations of the given impacts."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    return [violation for violation in results["violations"] if violation["impact"] in impacts]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} – {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical WCAG 2.2 AA violation on the page."""
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe_violations(violations)}"
