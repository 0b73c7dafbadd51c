"""The main flows through the HTTP client: self-check, submit, receipt, inbox, review, letter."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from compliance.portal.state import Portal
from tests.portal.world import Client, sample

FAILING = "willamette-valley-cco-2026q1.xlsx"
PASSING = "cascade-community-health-2026q1.xlsx"


def test_mco_checks_submits_and_gets_a_receipt(clients: dict[str, Client]) -> None:
    mco = clients["mco_b"]
    upload_id = mco.upload(sample(FAILING))
    page = mco.wait_checked(upload_id)
    assert "does not pass its gate" in page
    assert 'id="gap-' in page
    annotated = mco.get(f"/uploads/{upload_id}/annotated")
    assert annotated.status_code == 200
    assert annotated.headers["content-disposition"].startswith("attachment;")
    assert annotated.content[:2] == b"PK"
    submission = mco.submit(upload_id)
    receipt = mco.get(f"/submissions/{submission}").text
    digest = hashlib.sha256(sample(FAILING).read_bytes()).hexdigest()
    assert digest in receipt and "oregon-cco version" in receipt
    assert "does not pass" in receipt and "Advisory score" in receipt
    filed = clients["mgr_or"].get(f"/submissions/{submission}/workbook")
    assert filed.headers["content-disposition"] == (
        'attachment; filename="OR-CCO-0522-2026-01-01-v1.xlsx"')
    assert filed.content == sample(FAILING).read_bytes()
    inbox = clients["mgr_or"].get("/inbox?quarter=2026-01-01").text
    row = inbox.split("Willamette Valley Care Collaborative")[1].split("</tr>")[0]
    assert "received" in row and "fails" in row


def test_a_resubmission_is_a_new_version(clients: dict[str, Client]) -> None:
    mco = clients["mco_b"]
    first = mco.upload(sample(FAILING))
    mco.wait_checked(first)
    one = mco.submit(first)
    second = mco.upload(sample(FAILING))
    mco.wait_checked(second)
    two = mco.submit(second)
    assert "Version</dt><dd>2 of 2" in mco.get(f"/submissions/{two}").text
    assert "Version</dt><dd>1 of 2" in mco.get(f"/submissions/{one}").text
    row = clients["mgr_or"].get("/inbox?quarter=2026-01-01").text.split("Willamette")[1]
    assert "resubmitted" in row.split("</tr>")[0]


def test_an_upload_is_submitted_once(clients: dict[str, Client]) -> None:
    mco = clients["mco_a"]
    upload_id = mco.upload(sample(PASSING))
    assert "passes its gate" in mco.wait_checked(upload_id)
    mco.submit(upload_id)
    again = mco.post(f"/uploads/{upload_id}/submit")
    assert again.status_code == 409
    assert "submitted already" in again.text


def test_a_file_that_is_not_a_workbook_is_refused_and_not_stored(
        clients: dict[str, Client], portal: Portal) -> None:
    mco = clients["mco_a"]
    response = mco.post("/uploads", files={"workbook": ("q1.xlsx", b"name,value\n1,2\n")})
    assert response.status_code == 422
    assert "cannot be checked" in response.text
    assert "Traceback" not in response.text
    assert not list((portal.settings.data_dir / "blobs").glob("*/*"))
    assert not list(portal.incoming.iterdir())


def test_an_upload_over_the_size_limit_is_refused(clients: dict[str, Client]) -> None:
    big = b"PK" + b"\0" * (6 * 2**20)
    response = clients["mco_a"].post("/uploads", files={"workbook": ("big.xlsx", big)})
    assert response.status_code == 413


def test_the_manager_reviews_and_writes_the_letter(clients: dict[str, Client]) -> None:
    mco, manager = clients["mco_b"], clients["mgr_or"]
    upload_id = mco.upload(sample(FAILING))
    mco.wait_checked(upload_id)
    submission = mco.submit(upload_id)
    page = manager.get(f"/submissions/{submission}").text
    gap = page.split('id="gap-')[1].split('"')[0]
    response = manager.post(f"/submissions/{submission}/reviews",
                            {"requirement": gap, "decision": "dispute",
                             "comment": "Roster totals do not add up"})
    assert response.status_code == 303
    assert "Disputed: Roster totals do not add up" in manager.get(
        f"/submissions/{submission}").text
    # The state's deliberation is its own; the MCO hears through the letter.
    assert "Roster totals" not in mco.get(f"/submissions/{submission}").text
    letter = manager.get(f"/submissions/{submission}/letter").text
    assert gap in letter and "Citation:" in letter and "Basis:" in letter
    assert "due by" in letter
    pdf = manager.get(f"/submissions/{submission}/letter.pdf?days=45")
    assert pdf.content.startswith(b"%PDF")
    issued = manager.get(f"/submissions/{submission}/letter?days=45").text
    due = (dt.date.today() + dt.timedelta(days=45)).isoformat()
    assert f"due by <strong>{due}</strong>" in issued
    accepted = manager.post(f"/submissions/{submission}/reviews",
                            {"requirement": gap, "decision": "accept", "comment": ""})
    assert accepted.status_code == 303
    assert f"{gap}:" not in manager.get(f"/submissions/{submission}/letter").text
    audit = manager.get("/audit").text
    assert "review" in audit and "submit" in audit


def test_another_mcos_workbook_is_flagged_and_cannot_be_filed(
        clients: dict[str, Client]) -> None:
    mco = clients["mco_a"]
    upload_id = mco.upload(sample(FAILING))
    assert "cover names MCO OR-CCO-0522, not OR-CCO-0417" in mco.wait_checked(upload_id)
    refused = mco.post(f"/uploads/{upload_id}/submit")
    assert refused.status_code == 409 and "files for OR-CCO-0417" in refused.text


def test_a_workbook_is_stored_once_read_only_under_its_hash(
        clients: dict[str, Client], portal: Portal) -> None:
    mco = clients["mco_a"]
    for _ in range(2):
        mco.wait_checked(mco.upload(sample(PASSING)))
    stored = list((portal.settings.data_dir / "blobs").glob("*/*"))
    digest = hashlib.sha256(sample(PASSING).read_bytes()).hexdigest()
    assert [p.name for p in stored] == [f"{digest}.xlsx"]
    assert stored[0].stat().st_mode & 0o222 == 0
    assert stored[0].read_bytes() == sample(PASSING).read_bytes()


def test_a_failed_check_leaves_nothing_to_file(clients: dict[str, Client],
                                               portal: Portal) -> None:
    from compliance.portal.checking import store_reply
    from compliance.portal.tables import Upload
    from compliance.portal.worker import CheckReply

    mco = clients["mco_a"]
    upload_id = mco.upload(sample(PASSING))
    mco.wait_checked(upload_id)
    with portal.db() as db:
        row = db.get(Upload, upload_id)
        assert row is not None
        row.result_json = None
        store_reply(row, CheckReply(None, "the Cover sheet is missing"))
    page = mco.get(f"/uploads/{upload_id}").text
    assert "could not be checked: the Cover sheet is missing" in page
    assert "Submit to the state" not in page
    assert mco.post(f"/uploads/{upload_id}/submit").status_code == 409


def test_a_workbook_of_another_contract_is_not_scored(clients: dict[str, Client]) -> None:
    mco = clients["mco_a"]
    page = mco.wait_checked(mco.upload(sample("pelican-care-2026q1.xlsx")))
    assert "could not be checked" in page
    assert "louisiana-healthy-la" in page and "not of &#39;oregon-cco&#39;" in page
    assert "--force-set" not in page and "Submit to the state" not in page


def test_a_simultaneous_submission_is_a_clear_conflict(clients: dict[str, Client],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import IntegrityError

    from compliance.portal.routes import mco as routes

    def clash(*_args: object) -> None:
        raise IntegrityError("INSERT INTO submissions", None, Exception("unique"))

    mco = clients["mco_a"]
    upload_id = mco.upload(sample(PASSING))
    mco.wait_checked(upload_id)
    monkeypatch.setattr(routes, "submit", clash)
    response = mco.post(f"/uploads/{upload_id}/submit")
    assert response.status_code == 409 and "at the same moment" in response.text
