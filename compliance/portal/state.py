"""The running portal's shared state: database sessions, blob store, pool and settings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from compliance.portal.blobs import BlobStore
from compliance.portal.throttle import Throttle

T = TypeVar("T")
MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Choices made when the portal starts."""

    data_dir: Path
    secure_cookies: bool = False
    max_upload_bytes: int = 50 * MB


@dataclass
class Portal:
    """Everything a request handler needs besides the request."""

    settings: Settings
    sessions: sessionmaker[Session]
    pool: Executor
    throttle: Throttle = field(default_factory=Throttle)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def blobs(self) -> BlobStore:
        """The workbook store under the data folder."""
        return BlobStore(self.settings.data_dir / "blobs")

    @property
    def incoming(self) -> Path:
        """Where an upload is written before its preflight (same disk as the blobs)."""
        path = self.settings.data_dir / "incoming"
        path.mkdir(parents=True, exist_ok=True)
        return path

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn` in the pool without holding up the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

    def background(self, job: Any) -> None:
        """Keep a reference to a background task until it ends."""
        task = asyncio.get_running_loop().create_task(job)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    @contextmanager
    def db(self) -> Iterator[Session]:
        """A session committed on success, rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session
