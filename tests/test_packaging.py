"""The wheel carries the bundled requirement sets and report templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_bundles_sets_and_templates(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in ROOT.joinpath("requirement_sets").glob("*.yaml"):
        assert f"compliance/_bundled/requirement_sets/{path.name}" in names
    for path in ROOT.joinpath("report_templates").glob("*.j2"):
        assert f"compliance/_bundled/report_templates/{path.name}" in names
    assert "compliance/py.typed" in names or "compliance/__init__.py" in names
    portal = ROOT / "compliance" / "portal"
    for folder in ("templates", "static", "migrations"):
        for path in portal.joinpath(folder).rglob("*.*"):
            if "__pycache__" not in path.parts:
                assert path.relative_to(ROOT).as_posix() in names
    assert "compliance/portal/demo_programs.yaml" in names
