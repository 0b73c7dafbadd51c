"""Runs the jobs: in a pool of worker processes, or in this process for one worker.

Jobs go to the workers in small chunks, largest workbook first: a round trip to a
worker costs far less than checking a sample-sized workbook (tens of milliseconds), so
many small chunks cost little, and with the long checks started early the short ones
at the end even out the workers' finish.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from compliance.batch.progress import Progress
from compliance.batch.summary import Entry
from compliance.batch.worker import Job, Settings, run_job

MAX_CHUNK = 16
CHUNKS_PER_WORKER = 24
WATCH_SECONDS = 0.2


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # the batch was stopped (even by kill -9): stop writing its reports


def watch_parent(parent: int) -> None:
    """Worker initializer: end this worker as soon as the process that started it is gone."""
    threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True).start()


def run_chunk(jobs: list[Job], settings: Settings) -> list[Entry]:
    """Several jobs in one worker call."""
    return [run_job(job, settings) for job in jobs]


def chunk_size(jobs: int, workers: int) -> int:
    """Small enough to keep every worker busy to the end, large enough to cut round trips."""
    return max(1, min(MAX_CHUNK, jobs // (workers * CHUNKS_PER_WORKER)))


def largest_first(jobs: list[Job]) -> list[int]:
    """The jobs' positions, the largest workbook first (ties keep their order)."""
    def size(n: int) -> int:
        try:
            return os.stat(jobs[n].path).st_size
        except OSError:
            return 0

    return sorted(range(len(jobs)), key=lambda n: -size(n))


def _failed(jobs: list[Job], exc: Exception) -> list[Entry]:
    return [Entry(file=job.file, stem=job.stem,
                  error=f"worker failed: {type(exc).__name__}: {exc}") for job in jobs]


def _in_pool(jobs: list[Job], settings: Settings, workers: int,
             progress: Progress) -> list[Entry]:
    size = chunk_size(len(jobs), workers)
    order = largest_first(jobs)
    chunks = [[jobs[n] for n in order[i:i + size]] for i in range(0, len(order), size)]
    found: dict[int, list[Entry]] = {}
    # The workers are forked at the first submit; frozen, the parent's objects are never
    # visited by a worker's collector, so their memory pages are never copied.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), initializer=watch_parent,
                                 initargs=(os.getpid(),)) as pool:
            futures: dict[Future[list[Entry]], int] = {
                pool.submit(run_chunk, chunk, settings): n for n, chunk in enumerate(chunks)}
            gc.unfreeze()
            for future in as_completed(futures):
                n = futures[future]
                try:
                    found[n] = future.result()
                except Exception as exc:  # the worker process died (out of memory, killed)
                    found[n] = _failed(chunks[n], exc)
                for job in chunks[n]:
                    progress.advance(job.file)
    finally:
        gc.unfreeze()
    entries = [entry for n in range(len(chunks)) for entry in found[n]]
    return [entry for _, entry in sorted(zip(order, entries, strict=True), key=lambda p: p[0])]


def run_jobs(jobs: list[Job], settings: Settings, workers: int, progress: Progress) -> list[Entry]:
    """Every job's entry, in job order; one job's failure never stops the others."""
    if workers <= 1 or len(jobs) <= 1:
        entries = []
        for job in jobs:
            entries.append(run_job(job, settings))
            progress.advance(job.file)
        return entries
    return _in_pool(jobs, settings, workers, progress)
