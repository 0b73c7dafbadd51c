"""The contract manager's pages: matrix, trend, waivers and CAPs, waiver files."""

from __future__ import annotations

from pathlib import Path

from compliance.waivers.file import load_waivers
from tests.portal.world import Client, sample

WAIVER = {"program": "oregon-cco", "kind": "waiver", "mco_id": "OR-CCO-0522",
          "from": "2026-01-01", "justification": "Council re-formed after the merger.",
          "approved_on": "2026-02-03"}


def _filed(mco: Client, name: str) -> int:
    upload_id = mco.upload(sample(name))
    mco.wait_checked(upload_id)
    return mco.submit(upload_id)


def test_matrix_and_trend_show_each_quarter(clients: dict[str, Client]) -> None:
    mco, manager = clients["mco_b"], clients["mgr_or"]
    _filed(mco, "willamette-valley-cco-2026q1.xlsx")
    _filed(mco, "willamette-valley-cco-2026q2.xlsx")
    matrix = manager.get("/matrix?program=oregon-cco&quarter=2026-01-01").text
    assert "Member and community advisory committees" in matrix
    trend = manager.get("/mcos/OR-CCO-0522").text
    assert trend.index("2026-01-01 to 2026-03-31") < trend.index("2026-04-01 to 2026-06-30")
    assert "fails" in trend and "passes" in trend


def test_a_granted_waiver_leaves_the_letter_and_exports_as_a_waiver_file(
        clients: dict[str, Client], tmp_path: Path) -> None:
    mco, manager = clients["mco_b"], clients["mgr_or"]
    submission = _filed(mco, "willamette-valley-cco-2026q1.xlsx")
    gap = manager.get(f"/submissions/{submission}").text.split('id="gap-')[1].split('"')[0]
    assert manager.post("/waivers", {**WAIVER, "requirement": gap}).status_code == 303
    assert f"Waived: {WAIVER['justification']}" in manager.get(
        f"/submissions/{submission}").text
    assert f"<h2>{gap}:" not in manager.get(f"/submissions/{submission}/letter").text
    exported = manager.get("/waivers.yaml?program=oregon-cco")
    assert exported.headers["content-disposition"].startswith("attachment;")
    path = tmp_path / "waivers.yaml"
    path.write_bytes(exported.content)
    loaded = load_waivers(path)
    assert [(w.requirement, w.mco_id) for w in loaded.waivers] == [(gap, "OR-CCO-0522")]
    assert "mgr_or" == loaded.waivers[0].approved_by


def test_a_cap_opens_and_a_waiver_file_imports(clients: dict[str, Client]) -> None:
    manager = clients["mgr_or"]
    cap = {"program": "oregon-cco", "kind": "cap", "id": "CAP-2026-07", "mco_id": "OR-CCO-0417",
           "requirement": "ADV-01", "opened": "2026-02-01", "due": "2026-06-30"}
    assert manager.post("/waivers", cap).status_code == 303
    waiver_file = ("mcos: [OR-CCO-0417]\nwaivers:\n  - requirement: ADV-04\n"
                   "    mco_id: OR-CCO-0417\n    from: 2026-01-01\n    justification: Merger.\n"
                   "    approved_by: J. Rivera\n    approved_on: 2026-02-03\n")
    imported = manager.post("/waivers/import", {"program": "oregon-cco",
                                                "waiver_file": waiver_file})
    assert imported.status_code == 303
    page = manager.get("/waivers?program=oregon-cco").text
    assert "CAP-2026-07" in page and "J. Rivera" in page
    audit = manager.get("/audit").text
    assert "waivers.import" in audit and "CAP CAP-2026-07" in audit


def test_a_bad_waiver_is_refused_with_the_reason(clients: dict[str, Client]) -> None:
    manager = clients["mgr_or"]
    late = manager.post("/waivers", {**WAIVER, "requirement": "ADV-04", "to": "2025-01-01"})
    assert late.status_code == 422 and "from is after to" in late.text
    stranger = manager.post("/waivers/import", {
        "program": "oregon-cco", "waiver_file": "mcos: [LA-MCO-047]\ncaps:\n  - id: C-1\n"
        "    requirement: ADV-01\n    mco_id: LA-MCO-047\n    opened: 2026-01-01\n"
        "    due: 2026-02-01\n    status: open\n"})
    assert stranger.status_code == 422 and "not MCOs of oregon-cco" in stranger.text


def test_a_manager_of_two_programs_picks_one(clients: dict[str, Client]) -> None:
    manager = clients["mgr_la"]
    page = manager.get("/inbox").text
    assert "Pelican Care of Louisiana" in page and "Willamette" not in page
