"""Writes an output file whole or not at all, and never through a link or over an input.

Each output is written to a temporary file in its target folder and renamed into
place. A rename replaces a symbolic link or a hard link at the target path rather than
writing through it, so a link planted at an output path (to the submission, or to any
file the user can write) is never followed; a reader of the folder sees the old file or
the new one, never half of one. An output path that names one of the run's inputs is
refused. A terminal, `/dev/null` or a pipe named as the output is written in place:
renaming over it would put a file where the device was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from compliance.errors import ReportError


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _stream(path: Path) -> int | None:
    """A descriptor open on `path` when it is a device or a pipe, else None."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)  # no O_CREAT, no O_TRUNC: a file here is left untouched
    except OSError:
        return None
    if stat.S_ISCHR(os.fstat(fd).st_mode) or stat.S_ISFIFO(os.fstat(fd).st_mode):
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return fd
    os.close(fd)
    return None


def write_atomic(path: Path, content: bytes, *, make_folder: bool = True) -> None:
    """Write `content` to `path` by renaming a finished temporary file over it.

    Raises:
        OSError: The folder cannot be created or written.
    """
    fd = _stream(path)
    if fd is not None:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        return
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, _mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_report(path: Path, content: str | bytes, inputs: Iterable[Path] = (), *,
                 make_folder: bool = True) -> None:
    """Write `content` to `path` (text as UTF-8); raises `ReportError` on failure.

    `inputs` are the files the output was made from: a path naming one is refused.
    """
    for source in inputs:
        if _same(path, Path(source)):
            raise ReportError(f"refusing to write over the input {source}", file=str(path))
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        write_atomic(path, data, make_folder=make_folder)
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from exc
