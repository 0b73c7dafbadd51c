"""Rendering time and size of every report format for a result with 10,000 findings.

The baseline is the JSON rendering of the same result, measured in the same run (it is
a plain serialisation); each format's time is printed with its ratio to it.

    python benchmarks/report_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compliance.evaluation.document import ResultDocument  # noqa: E402
from compliance.render.html import render_html  # noqa: E402
from compliance.render.json import render_json  # noqa: E402
from compliance.render.junit import render_junit  # noqa: E402
from compliance.render.markdown import render_markdown  # noqa: E402
from compliance.render.xlsx import render_xlsx  # noqa: E402
from tests.reportdocs import large_doc  # noqa: E402


def timed(render: Callable[[ResultDocument], str | bytes], doc: ResultDocument,
          runs: int) -> tuple[float, int]:
    samples, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render(doc))
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        doc = large_doc(Path(folder))
    stored = sum(len(r.findings) for r in doc.requirements)
    base, base_size = timed(render_json, doc, args.runs)
    print(f"{stored:,} stored findings; baseline json {base * 1000:.0f} ms, {base_size:,} bytes")
    renders: list[tuple[str, Callable[[ResultDocument], str | bytes]]] = [
        ("html", render_html), ("md", render_markdown), ("junit", render_junit),
        ("xlsx", render_xlsx)]
    for name, render in renders:
        seconds, size = timed(render, doc, args.runs)
        print(f"  {name:<6} {seconds * 1000:7.0f} ms  ratio {seconds / base:6.2f}  "
              f"{size:>10,} bytes")


if __name__ == "__main__":
    main()
