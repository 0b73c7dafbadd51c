"""The fingerprint a generated template carries, and how a filed workbook's stamp compares."""

from __future__ import annotations

import hashlib
import json

from compliance.evaluation.submission import TemplateStamp
from compliance.model.requirement import RequirementSet


def workbook_hash(rs: RequirementSet) -> str:
    """A short hash of the set's workbook layout: it changes when the template would."""
    layout = json.dumps(rs.workbook.model_dump(mode="json"), sort_keys=True)
    return hashlib.sha256(layout.encode()).hexdigest()[:16]


def compare_stamp(stamp: TemplateStamp | None, rs: RequirementSet) -> str | None:
    """None when the stamp matches the set (or there is none), else what differs."""
    if stamp is None:
        return None
    if stamp.set_id != rs.id:
        return (f"This workbook was made from the template of set '{stamp.set_id}' but is "
                f"checked against '{rs.id}'.")
    if stamp.set_version != rs.version or stamp.set_hash != workbook_hash(rs):
        return (f"This workbook was made from the template of {stamp.set_id} version "
                f"{stamp.set_version}; the current version is {rs.version}. Generate a new "
                "template with `compliance template` and copy your data into it.")
    return None
