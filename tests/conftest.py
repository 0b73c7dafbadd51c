"""Shared fixtures: the CLI runner, the minimal set and tiny workbooks."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from compliance.cli import cli
from tests import workbooks

# Property tests assert behaviour, not speed: a loaded CI machine must not fail them.
settings.register_profile("compliance", deadline=None)
settings.load_profile("compliance")

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_SET = FIXTURES / "sets" / "minimal.yaml"


@pytest.fixture(scope="session", autouse=True)
def _set_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Sets are cached in a folder of this test run, never in the user's cache."""
    os.environ["COMPLIANCE_CACHE_DIR"] = str(tmp_path_factory.mktemp("set-cache"))
    os.environ.pop("COMPLIANCE_NO_CACHE", None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke the CLI in-process; prints the output when a test fails."""

    def run(*args: str, **kwargs: Any) -> Result:
        result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)
        print(result.output)
        return result

    return run


@pytest.fixture
def minimal_set() -> Path:
    return MINIMAL_SET


@pytest.fixture
def sample(tmp_path: Path) -> Callable[[str], Path]:
    """Write one of the tiny workbooks in tests/workbooks.py and return its path."""

    def make(name: str) -> Path:
        sheets = getattr(workbooks, name)()
        hidden = ("Notes",) if name == "messy" else ()
        return workbooks.write_workbook(tmp_path / f"{name}.xlsx", sheets, hidden=hidden)

    return make
