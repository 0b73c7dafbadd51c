"""Reads an input file that must be a regular file: a FIFO or a device is refused, never waited on.

A waiver file, a requirement set, a saved result or a batch summary could be a named
pipe or `/dev/zero` by mistake or by design; opening it without `O_NONBLOCK` would wait
for a writer forever, and reading it would never end. The file is opened without
blocking, checked, and read up to a limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return "is not a regular file but a pipe, socket or device"


def read_regular(path: str | Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of `path`.

    Raises:
        OSError: The file cannot be opened, or is not a regular file (`strerror` says which).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        problem = _kind(os.fstat(fd).st_mode)
        if problem:
            raise OSError(errno.EINVAL, problem, str(path))
        if hasattr(os, "set_blocking"):  # reads of a regular file never block anyway
            os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        return handle.read(limit + 1)
