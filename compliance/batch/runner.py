"""Runs the jobs: in a pool of worker processes, or in this process for one worker."""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from compliance.batch.progress import Progress
from compliance.batch.summary import Entry
from compliance.batch.worker import Job, Settings, run_job


def run_jobs(jobs: list[Job], settings: Settings, workers: int, progress: Progress) -> list[Entry]:
    """Every job's entry, in job order; one job's failure never stops the others."""
    if workers <= 1 or len(jobs) <= 1:
        entries = []
        for job in jobs:
            entries.append(run_job(job, settings))
            progress.advance(job.file)
        return entries
    found: dict[int, Entry] = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures: dict[Future[Entry], int] = {
            pool.submit(run_job, job, settings): n for n, job in enumerate(jobs)}
        for future in as_completed(futures):
            n = futures[future]
            try:
                found[n] = future.result()
            except Exception as exc:  # the worker process died (out of memory, killed)
                found[n] = Entry(file=jobs[n].file, stem=jobs[n].stem,
                                 error=f"worker failed: {type(exc).__name__}: {exc}")
            progress.advance(jobs[n].file)
    return [found[n] for n in range(len(jobs))]
