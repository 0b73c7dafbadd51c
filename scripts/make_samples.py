#!/usr/bin/env python3
"""Regenerates the sample filings in sample_submissions/ and their expected results.

    python scripts/make_samples.py                 # every sample, with .expected.yaml
    python scripts/make_samples.py --only NAME --out DIR   # one workbook into DIR

Everything is invented and seeded, with fixed timestamps, so a rerun gives identical
bytes. The LibreOffice samples are converted with `soffice` when it is installed; without
it the committed files are reused. Each expected file records the status of every
requirement as the checker gives it, after the generator has confirmed that the
scenario produces what it was built to produce (`intent` in samplegen/catalog.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from samplegen.catalog import SAMPLES, Sample
from samplegen.filing import assemble
from samplegen.messy import messy_workbook
from samplegen.writers import filled_template, libreoffice_roundtrip, plain_workbook

from compliance.api import check_workbook
from compliance.evaluation.results import Status
from compliance.model.requirement import RequirementSet
from compliance.sets.loader import load_requirement_set

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "sample_submissions"
BELOW_MET = {Status.NOT_MET, Status.PARTIALLY_MET, Status.ERROR}


def workbook(sample: Sample, rs: RequirementSet, target: Path) -> bytes:
    """The sample's bytes, written in its style."""
    filing = assemble(sample.plan, with_roster=sample.roster)
    for mutate in sample.mutations:
        mutate(filing)
    if sample.style == "template":
        return filled_template(filing, rs, sample.old_template)
    if sample.style == "plain":
        return plain_workbook(filing, rs)
    if sample.style == "messy":
        return messy_workbook(filing, rs)
    base = filled_template if sample.style == "libreoffice-template" else plain_workbook
    return libreoffice_roundtrip(base(filing, rs), target)


def expected(sample: Sample, path: Path) -> dict[str, object]:
    """Statuses the checker gives, confirmed against the scenario's intent."""
    doc = check_workbook(path, sample.plan.profile.set_id)
    statuses = {r.id: r.status for r in doc.requirements}
    problems = [f"{rid}: built to be {want}, checker says {statuses.get(rid)}"
                for rid, want in sample.intent.items() if statuses.get(rid) != want]
    if sample.clean:
        problems += [f"{rid}: {status} in a clean sample" for rid, status in statuses.items()
                     if status in BELOW_MET]
    if doc.summary.passed != sample.passes:
        problems.append(f"gate passed={doc.summary.passed}, built to be {sample.passes}")
    if problems:
        raise SystemExit(f"{sample.path}:\n  " + "\n  ".join(problems))
    return {"set": sample.plan.profile.set_id, "story": sample.story,
            "passed": doc.summary.passed,
            "requirements": {rid: str(status) for rid, status in statuses.items()}}


def main(argv: list[str] | None = None) -> int:
    """Write the samples (all, or one with --only into --out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="one sample, by file stem")
    parser.add_argument("--out", type=Path, help="folder for --only (no expected file)")
    args = parser.parse_args(argv)
    chosen = [s for s in SAMPLES if args.only in (None, s.plan.stem)]
    if not chosen:
        parser.error(f"no sample named {args.only}")
    for sample in chosen:
        rs = load_requirement_set(sample.plan.profile.set_id)
        target = SAMPLES_DIR / sample.path
        data = workbook(sample, rs, target)
        if args.out is not None:
            (args.out / target.name).write_bytes(data)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        result = expected(sample, target)
        text = f"# Expected result of `compliance check {sample.path}` (no --set).\n"
        text += yaml.safe_dump(result, sort_keys=False, width=100)
        target.with_suffix(".expected.yaml").write_text(text, encoding="utf-8")
        print(f"{sample.path}: passed={result['passed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
