"""The portal under load: 30 MCOs upload at once, plus one 100,000-member roster.

Starts `compliance serve` on a free localhost port with a fresh SQLite database, then:

* baseline: one small sample uploaded on the idle server, upload to result (median of 3),
  and the sign-in page's response time on the idle server;
* load: 30 simulated MCOs each upload a bundled Oregon sample at the same moment while
  a 31st uploads a filing with a 100,000-row member roster; prints the median and 95th
  percentile from upload to result as seconds and as ratios to the baseline, the roster's
  own time, the errors (there must be none), the sign-in page's response time during the
  load, and the peak memory of the server with its check processes.

    python benchmarks/portal_bench.py [--mcos 30] [--rows 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portalclient import PortalClient  # noqa: E402
from portalroster import make_roster_filing  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_submissions" / "oregon").glob("*.xlsx"))
PASSWORD = "benchmark-password"


def seed(data_dir: Path, mcos: int) -> None:
    """The demo programs plus `mcos` simulated Oregon MCOs, one account each."""
    from compliance.portal.accounts import add_user
    from compliance.portal.app import open_portal
    from compliance.portal.database import database_url
    from compliance.portal.programfile import import_program_file, parse_program_file
    from compliance.portal.state import Settings
    from compliance.portal.tables import Mco, User

    portal = open_portal(Settings(data_dir=data_dir), database_url(None, data_dir),
                         ThreadPoolExecutor(1))
    demo = ROOT / "compliance" / "portal" / "demo_programs.yaml"
    with portal.db() as db:
        import_program_file(db, parse_program_file(demo.read_text(encoding="utf-8")))
        first = add_user(db, "sim00", PASSWORD, "mco", mco_id="OR-CCO-0522")
        for i in range(1, mcos + 1):
            db.add(Mco(id=f"SIM-{i:03d}", name=f"Simulated MCO {i}", program_id="oregon-cco"))
            db.flush()
            # One argon2 hash for all: the benchmark measures checks, not sign-in.
            db.add(User(username=f"sim{i:02d}", password_hash=first.password_hash, role="mco",
                        mco_id=f"SIM-{i:03d}"))


def start_server(data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-m", "compliance", "serve", "--data-dir",
                               str(data_dir), "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probe = PortalClient(f"http://127.0.0.1:{port}")
    for _ in range(600):
        try:
            if probe.get("/login")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines()
                       if line.startswith("VmRSS:")), 0)
        todo += children.get(current, [])
    return total


class Sampler(threading.Thread):
    """Samples the server's memory every 0.2 s; `peak` is the highest seen."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            time.sleep(0.2)


def timed_upload(base: str, username: str, path: Path) -> float:
    client = PortalClient(base)
    client.login(username, PASSWORD)
    start = time.perf_counter()
    page = client.wait(client.upload(path))
    if "could not be checked" in page:
        raise RuntimeError(f"{path.name}: the check failed")
    return time.perf_counter() - start


def page_times(base: str, until: Callable[[], bool], limit: int = 10_000) -> list[float]:
    client, times = PortalClient(base), list[float]()
    while not until() and len(times) < limit:
        start = time.perf_counter()
        client.get("/login")
        times.append(time.perf_counter() - start)
        time.sleep(0.2)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def load(base: str, mcos: int, roster: Path) -> tuple[list[float], float | None, list[str]]:
    jobs = [(f"sim{i:02d}", SAMPLES[i % len(SAMPLES)]) for i in range(1, mcos + 1)]
    errors: list[str] = []
    with ThreadPoolExecutor(max_workers=mcos + 1) as threads:
        big = threads.submit(timed_upload, base, "sim00", roster)
        small = [threads.submit(timed_upload, base, user, path) for user, path in jobs]
        times = []
        for future in small:
            try:
                times.append(future.result())
            except Exception as exc:  # counted and printed: the benchmark must show errors
                errors.append(str(exc))
        try:
            roster_time: float | None = big.result()
        except Exception as exc:
            roster_time = None
            errors.append(str(exc))
    return times, roster_time, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mcos", type=int, default=30)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    roster = make_roster_filing(args.rows)
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as scratch:
        data_dir = Path(scratch)
        seed(data_dir, args.mcos)
        server = start_server(data_dir, args.port, args.workers)
        base = f"http://127.0.0.1:{args.port}"
        sampler = Sampler(server.pid)
        sampler.start()
        try:
            report(base, args, roster)
        finally:
            sampler.stop.set()
            server.terminate()
            server.wait(timeout=30)
        print(f"peak memory, server and {args.workers} check processes: "
              f"{sampler.peak / 2**20:.0f} MB")


def report(base: str, args: argparse.Namespace, roster: Path) -> None:
    idle = [timed_upload(base, "sim01", SAMPLES[0]) for _ in range(3)]
    idle_page = statistics.median(page_times(base, lambda: False, limit=10))
    baseline = statistics.median(idle)
    done = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as prober:
        probe = prober.submit(page_times, base, done.is_set)
        times, roster_time, errors = load(base, args.mcos, roster)
        done.set()
        busy_page = probe.result()
    print(f"baseline: one sample on an idle server, upload to result {baseline:.2f} s; "
          f"sign-in page {idle_page * 1000:.0f} ms")
    if times:
        median, high = statistics.median(times), p95(times)
        print(f"{len(times)} MCOs at once: median {median:.2f} s ({median / baseline:.1f}x), "
              f"p95 {high:.2f} s ({high / baseline:.1f}x)")
    if roster_time is not None:
        print(f"{args.rows:,}-row roster, upload to result: {roster_time:.2f} s")
    print(f"sign-in page during the load: median {statistics.median(busy_page) * 1000:.0f} ms,"
          f" p95 {p95(busy_page) * 1000:.0f} ms ({len(busy_page)} requests)")
    print(f"errors: {len(errors)}")
    for error in errors[:5]:
        print(f"  {error}")


if __name__ == "__main__":
    main()
