"""The `compliance` command: a click group kept thin; each command calls the API.

Exit codes: 0 the submission passes its gate; 1 it does not; 2 the check could not
run (bad usage, invalid requirement set, unreadable or unsafe workbook); 141 the
reader of the output went away (`compliance sets list | head -1`), as for shell tools.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from typing import Any, NoReturn

import click

from compliance.__about__ import __version__
from compliance.errors import ComplianceError
from compliance.terminal import printable

EXIT_PASS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool killed by it

# Commands are imported when used: `check` should not pay for batch, diff or templates.
COMMANDS = {
    "check": "compliance.cli.check:check",
    "batch": "compliance.cli.batch:batch",
    "hook": "compliance.cli.hook:hook",
    "diff": "compliance.cli.diff:diff",
    "explain": "compliance.cli.explain:explain",
    "guide": "compliance.cli.guide:guide",
    "template": "compliance.cli.template:template",
    "sets": "compliance.cli.sets:sets",
    "waivers": "compliance.cli.waivers:waivers",
    "checks": "compliance.cli.checks:checks",
    "schema": "compliance.cli.schema:schema",
    "serve": "compliance.cli.serve:serve",
    "users": "compliance.cli.users:users",
}


def _quiet_broken_pipe() -> NoReturn:
    # Output still buffered would fail again when Python flushes it at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


class _Group(click.Group):
    """Loads commands lazily; turns a `ComplianceError` into one line on stderr and exit 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ComplianceError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(f"error: {printable(exc.one_line())}", err=True)
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug: say so in one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: internal error: {type(exc).__name__}: {printable(exc)} "
                       "(rerun with --debug for details)", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compliance")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check Medicaid managed-care submissions against health-equity requirement sets."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    """Console-script entry point; usage errors exit 2 as click does.

    When the reader of the output closes the pipe (`| head -1`), the command stops
    quietly: that is not an error of the input nor of the checker.
    """
    try:
        try:
            cli.main(prog_name="compliance", standalone_mode=True)
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except SystemExit as exc:
        sys.exit(exc.code)
