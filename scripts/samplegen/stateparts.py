"""Sheets one state's set adds: Oregon's governing body, Washington's disparities workgroup."""

from __future__ import annotations

import datetime as dt

from samplegen.build import Row, knob, quarter_dates
from samplegen.profiles import Plan


def governing_body(plan: Plan) -> list[Row]:
    """Oregon: the CCO board's decision meetings, public and recorded (ORS 414.584)."""
    start, _ = quarter_dates(plan)
    rows = []
    for month in (0, 2):
        day = dt.date(start.year, start.month + month, 20)
        rows.append({"meeting_date": day, "final_decisions": True, "public": True,
                     "testimony_taken": not knob(plan, "board_closed", 0),
                     "votes_by_name": True, "minutes_posted_on": day + dt.timedelta(days=10)})
    return rows


def disparities_workgroup(plan: Plan) -> list[Row]:
    """Washington: interventions on the workgroup's chosen measure."""
    start, _ = quarter_dates(plan)
    evaluated = not knob(plan, "workgroup_unevaluated", 0)
    return [{"measure_id": "WCV-CH", "intervention": "Text reminders in Spanish and Russian "
             "for well-child visits", "started_on": start - dt.timedelta(days=200),
             "evaluated": evaluated,
             "evaluation_result": "Gap narrowed by 3 points" if evaluated else "N/A"},
            {"measure_id": "WCV-CH", "intervention": "Community health center outreach days",
             "started_on": start - dt.timedelta(days=120), "evaluated": evaluated,
             "evaluation_result": "Visits up 5% in two clinics" if evaluated else "N/A"}]
