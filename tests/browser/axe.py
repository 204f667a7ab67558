"""axe-core (vendored under tests/browser/vendor, MPL-2.0) run in a Playwright page: 0 violations or a readable list.

The site's Content-Security-Policy refuses inline scripts, so the source is not added as a <script> tag:
`page.evaluate` runs it through the DevTools protocol, which no CSP governs.
"""

import os
from pathlib import Path

from tests.paths import REPO

AXE_SOURCE = Path(__file__).with_name("vendor") / "axe.min.js"
# WCAG 2.1 A/AA plus axe's best practices (landmarks, heading order, one <h1>, …).
RUN_OPTIONS = {"resultTypes": ["violations"]}


def axe_violations(page, *, exclude: tuple[str, ...] = ()) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate("() => { " + AXE_SOURCE.read_text(encoding="utf-8") + "\n}")
    context = {"exclude": [[s] for s in exclude]} if exclude else None
    return page.evaluate("([context, options]) => axe.run(context || document, options)"
                         ".then(r => r.violations)", [context, RUN_OPTIONS])


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page, *, exclude: tuple[str, ...] = ()) -> None:
    """axe-core finds no violation on the page as it is now (call after it has settled)."""
    violations = axe_violations(page, exclude=exclude)
    assert not violations, f"axe-core on {page.url}:\n{describe(violations)}"


def screenshot_dir() -> Path:
    """GK_SCREENSHOT_DIR, or test-output/screenshots in the repository (ignored by git)."""
    folder = Path(os.environ.get("GK_SCREENSHOT_DIR") or REPO / "test-output" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
