"""Deliverables, wait times, accreditation and grievances."""

from __future__ import annotations

import datetime as dt

from samplegen.build import Row, knob, quarter_dates
from samplegen.profiles import Plan


def deliverables(plan: Plan) -> list[Row]:
    """The health equity plan and the state's other equity deliverables."""
    start, end = quarter_dates(plan)
    late = int(knob(plan, "he_plan_late_days", 0))
    due = dt.date(plan.year, 3, 15)
    he_plan: Row = {"deliverable": "he_plan", "period_covered": str(plan.year), "due_on": due,
                    "submitted_on": due + dt.timedelta(days=late - 5),
                    "status": "accepted" if late <= 0 else "overdue"}
    if knob(plan, "he_plan_missing", 0):
        he_plan.update(submitted_on="N/A", status="overdue")
    rows = [he_plan]
    for code, month_day in plan.profile.deliverables:
        month, day = (int(part) for part in month_day.split("-"))
        due_on = dt.date(plan.year, month, day)
        if due_on > end:
            # Last year's report, filed by last year's date, and this year's, not yet due.
            last = due_on.replace(year=plan.year - 1)
            rows.append({"deliverable": code, "period_covered": str(plan.year - 1),
                         "due_on": last, "submitted_on": last - dt.timedelta(days=6),
                         "status": "accepted"})
            rows.append({"deliverable": code, "period_covered": str(plan.year),
                         "due_on": due_on, "submitted_on": "N/A", "status": "not_due"})
        else:
            rows.append({"deliverable": code, "period_covered": str(plan.year),
                         "due_on": due_on, "submitted_on": due_on - dt.timedelta(days=6),
                         "status": "submitted"})
    return rows


def wait_times() -> list[Row]:
    """Secret-shopper results (reported ahead of the federal standards' start)."""
    tests = (("primary_care", 15, 180, 166), ("ob_gyn", 15, 90, 84),
             ("outpatient_mh_sud", 10, 160, 147))
    return [{"service_category": category, "population": "all", "standard_business_days": days,
             "appointments_tested": tested, "within_standard": within,
             "rate_within_standard": round(within / tested, 4), "method": "secret_shopper"}
            for category, days, tested, within in tests]


def accreditation(plan: Plan) -> list[Row]:
    """NCQA accreditations; the equity one under its 2026 or older name."""
    _, end = quarter_dates(plan)
    name = "Health Outcomes Accreditation" if plan.quarter >= 2 else \
        "Health Equity Accreditation"
    return [{"program": "NCQA Health Plan Accreditation", "status": "accredited",
             "effective_on": dt.date(2024, 6, 1), "expires_on": dt.date(2027, 6, 1)},
            {"program": name, "status": "accredited", "effective_on": dt.date(2024, 9, 1),
             "expires_on": end + dt.timedelta(days=int(knob(plan, "hea_days_left", 520)))}]


def grievances(plan: Plan) -> list[Row]:
    """Grievances by category, most resolved within 90 days."""
    rows = []
    for n, category in enumerate(("discrimination", "language_access", "cultural_competence",
                                  "access", "quality", "other")):
        received = 6 + plan.enrollment // (2500 * (n + 1))
        resolved = received - 1
        late = round(resolved * knob(plan, "grievances_late", 0.02))
        rows.append({"category": category, "received": received, "resolved": resolved,
                     "resolved_within_standard": resolved - late})
    return rows
