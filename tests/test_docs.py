"""Generated documentation stays in step with the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path, text in module.generated().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale; run python scripts/gen_docs.py")


def test_checks_command_documents_every_type(run_cli: object) -> None:
    from compliance.checks import CHECKS

    result = run_cli("checks")  # type: ignore[operator]
    assert result.exit_code == 0
    for type_id in CHECKS:
        assert f"## `{type_id}`" in result.output
    one = run_cli("checks", "share")  # type: ignore[operator]
    assert "## `share`" in one.output and "## `ratio`" not in one.output
