#!/usr/bin/env python3
"""A 200-file batch with 20 hostile files: every file must be accounted for correctly.

Builds the folder (copies of the sample filings, one in ten damaged so that `check`
refuses it), runs `compliance batch` on it with a worker pool, and checks the summary:
each good file has the result it gets alone, each hostile file its own one-line
reason. Prints what is wrong and exits 1, or prints a line and exits 0.

    python scripts/hostile_batch.py [--files 200] [--hostile 20] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostilebatch import build, problems, run_batch  # noqa: E402


def main() -> int:
    """Build, run and verify; the exit code says whether every file was accounted for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--hostile", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Build in this folder and keep it.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        plan = build(root / "quarter", args.files, args.hostile)
        start = time.monotonic()
        code = run_batch(root / "quarter", root / "out", args.jobs)
        seconds = time.monotonic() - start
        wrong = problems(root / "out", plan)
    for line in wrong:
        print(line)
    print(f"{args.files} files ({args.hostile} hostile), batch exit {code} in {seconds:.1f} s: "
          f"{'every file accounted for' if not wrong else f'{len(wrong)} wrong'}")
    return 1 if wrong or code != 2 else 0


if __name__ == "__main__":
    sys.exit(main())
