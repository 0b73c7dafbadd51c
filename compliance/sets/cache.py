"""A private cache of resolved, validated requirement sets.

Each check need not parse and validate the same YAML again (a batch worker, a
pre-commit hook, CI).

An entry is a JSON snapshot (`compliance.sets.snapshot`) written by this program in a
folder only the user can write (`~/.cache/medicaid-compliance`, or
`COMPLIANCE_CACHE_DIR`; `COMPLIANCE_NO_CACHE=1` turns the cache off). It is used only
when everything that made the set is unchanged: the bytes of every file in its
`extends` chain, where each parent reference leads today, and the code and versions of
the set language. Anything else (a missing, foreign or damaged entry, a folder others
can write) is a miss, and the set is loaded from its YAML as if there were no cache.
A set with an error is never kept, so its error is reported every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic

from compliance.__about__ import __version__
from compliance.errors import ComplianceError
from compliance.inputfile import read_regular
from compliance.model.requirement import RequirementSet
from compliance.sets import snapshot

if TYPE_CHECKING:
    from compliance.sets.validation import Source

ENV_DIR = "COMPLIANCE_CACHE_DIR"
ENV_OFF = "COMPLIANCE_NO_CACHE"
FORMAT = 1
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_SET_BYTES = 4 * 1024 * 1024  # above the loader's limit: a longer file has changed
# the code whose change can change what a set file loads as
_CODE = ("model", "checks", "sets", "evaluation")
_PACKAGE = Path(__file__).resolve().parent.parent
_MISS = (OSError, RuntimeError, ValueError, KeyError, TypeError, RecursionError,
         ComplianceError)

Resolver = Callable[[str, Path], Path]
"""Where a set's `extends` reference leads: (reference, the set's file) -> parent file.

It raises `RequirementSetError` when the reference leads nowhere allowed."""


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get(ENV_OFF):
        return None
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "medicaid-compliance" / "sets"


@cache
def _fingerprint() -> str:
    digest = hashlib.sha256(f"{FORMAT} {__version__} {pydantic.VERSION} {sys.version}".encode())
    for folder in _CODE:
        for file in sorted((_PACKAGE / folder).glob("*.py")):
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _entry(folder: Path, path: Path) -> Path:
    key = "\0".join((_fingerprint(), str(path), str(path.resolve())))
    return folder / f"{_sha256(key.encode())}.json"


def _owned(uid: int) -> bool:
    return not hasattr(os, "getuid") or uid == os.getuid()


def _private(folder: Path) -> bool:
    """The folder is the user's and no one else can write in it."""
    found = os.stat(folder)
    return (stat.S_ISDIR(found.st_mode) and _owned(found.st_uid)
            and not found.st_mode & 0o022)


def _read_entry(file: Path) -> bytes:
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(handle.fileno())
        if not stat.S_ISREG(found.st_mode) or not _owned(found.st_uid):
            raise OSError(f"{file} is not a private regular file")
        return handle.read(MAX_ENTRY_BYTES)


def _references(extends: Any) -> list[str]:
    if isinstance(extends, str):
        return [extends]
    return [str(ref) for ref in extends] if isinstance(extends, list) else []


def _current(entry: dict[str, Any], path: Path, resolve: Resolver) -> bool:
    """Every file of the chain has the bytes, and every reference the target, it had."""
    files = entry["files"]
    if (entry["format"] != FORMAT or entry["fingerprint"] != _fingerprint()
            or not files or files[-1]["path"] != str(path.resolve())):
        return False
    for item in files:
        file = Path(item["path"])
        if _sha256(read_regular(file, MAX_SET_BYTES)) != item["sha256"]:
            return False
        for reference, target in item["parents"]:
            if str(resolve(reference, file).resolve()) != target:
                return False
    return True


def recall(path: Path, resolve: Resolver) -> RequirementSet | None:
    """The set kept for `path` when nothing that made it has changed, else None."""
    folder = cache_dir()
    try:
        if folder is None or not folder.is_dir() or not _private(folder):
            return None
        entry = json.loads(_read_entry(_entry(folder, path)))
        if not isinstance(entry, dict) or not _current(entry, path, resolve):
            return None
        found = snapshot.load(entry["set"])
    except _MISS:
        return None
    return found if type(found) is RequirementSet else None


def keep(path: Path, rs: RequirementSet, chain: Sequence[Source], resolve: Resolver) -> None:
    """Keep `rs`, loaded from `path` through `chain` (parents first); quietly, if at all."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        files = [{"path": str(source.path.resolve()), "sha256": _sha256(source.raw),
                  "parents": [[ref, str(resolve(ref, source.path).resolve())]
                              for ref in _references(source.data.get("extends"))]}
                 for source in chain]
        text = json.dumps({"format": FORMAT, "fingerprint": _fingerprint(), "files": files,
                           "set": snapshot.dump(rs)}, allow_nan=False, separators=(",", ":"))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _private(folder):
            _write(folder, _entry(folder, path), text)
    except _MISS:
        return


def recall_data(key: str) -> Any:
    """What `keep_data` kept under `key` with this version of the checker, else None."""
    folder = cache_dir()
    try:
        if folder is None or not folder.is_dir() or not _private(folder):
            return None
        entry = json.loads(_read_entry(_data_entry(folder, key)))
        if not isinstance(entry, dict) or entry["fingerprint"] != _fingerprint():
            return None
        return snapshot.load(entry["data"])
    except _MISS:
        return None


def keep_data(key: str, data: Any) -> None:
    """Keep plain `data` (text, numbers, dates, lists, mappings) under `key`, if at all."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        text = json.dumps({"fingerprint": _fingerprint(), "data": snapshot.dump(data)},
                          allow_nan=False, separators=(",", ":"))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _private(folder):
            _write(folder, _data_entry(folder, key), text)
    except _MISS:
        return


def _data_entry(folder: Path, key: str) -> Path:
    return folder / f"{_sha256(f'data {key}'.encode())}.json"


def _write(folder: Path, target: Path, text: str) -> None:
    # a reader sees the old entry or the new one, never half of one
    fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
