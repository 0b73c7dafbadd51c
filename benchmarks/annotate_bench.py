"""Time and peak memory of `check --annotate` at the largest workbook it accepts, against `check`.

Writes a one-sheet workbook of just under `MAX_CELLS` numeric cells (the annotated
copy's limit), then runs `compliance check` on it, without and with `--annotate`,
each in its own process, and prints wall time, CPU time and peak memory of both and
their ratios. The limit is right when the annotated copy stays within seconds and far
from a gigabyte here.

    python benchmarks/annotate_bench.py [--cells 480000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "sets" / "minimal.yaml"
COLUMNS = 10


def write(path: Path, cells: int) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append([f"Column {n}" for n in range(COLUMNS)])
    for row in range(cells // COLUMNS - 1):
        sheet.append([row] * COLUMNS)
    book.save(path)


def measured(args: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB) of one `compliance` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "compliance", *args], check=False,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024  # the largest child so far, in MiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=480_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "large.xlsx"
        write(workbook, args.cells)
        base = ["check", str(workbook), "--set", str(MINIMAL), "--quiet"]
        plain = measured(base)
        annotated = measured([*base, "--annotate", str(Path(folder) / "annotated.xlsx")])
    for label, (wall, cpu, peak) in (("check", plain), ("check --annotate", annotated)):
        print(f"{label:18} {wall:6.1f} s wall {cpu:6.1f} s CPU {peak:7.0f} MiB peak")
    print(f"ratio (annotate / check): {annotated[0] / plain[0]:.1f}x wall, "
          f"{annotated[1] / plain[1]:.1f}x CPU, {args.cells:,} cells")


if __name__ == "__main__":
    main()
