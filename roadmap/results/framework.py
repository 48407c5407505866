"""The results framework as plain data: each indicator's periods with target and actual.

Read once from the database, then assembled by pure functions: the /results page, the
monthly report, the dashboard card, the API and the IATI file all show the same table.
Computed actuals come from the records as they stood at each period's end (or at the
day asked, for the period under way), by effective date, so late entries count in the
period they happened in.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from roadmap.caching import cached
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.reports import records
from roadmap.reports.snapshot import History, snapshot
from roadmap.results.computed import compute
from roadmap.results.models import Indicator, Result
from roadmap.results.periods import achievement, periods, status
from roadmap.schedule.models import Project
from roadmap.workshops.models import Outcome, Participation, Workshop

# The records computed indicators count (see computed.py), besides the participation.
COMPUTED_FROM = (BorderPost, Workshop, Outcome)


def end_instant(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def states_at_end_of(days) -> dict:
    """Return {day: records as they stood at its end}, reading the data once.

    As roadmap/reports/records.state_at_end_of, with the workshops' participation.
    """
    days = sorted(set(days))
    if not days:
        return {}
    rows = records.current_rows(COMPUTED_FROM)
    table = Participation.__table__
    rows["participation"] = {
        row["id"]: dict(row) for row in db.session.execute(select(table)).mappings()
    }
    names = [model.__tablename__ for model in COMPUTED_FROM]
    entries = records.history_entries([*names, "participation"])
    by_instant = {end_instant(day): day for day in days}
    return {
        by_instant[instant]: snapshot(state)
        for instant, state in History(entries).walk_back(rows, list(by_instant))
    }


def framework(as_of: date) -> list[dict]:
    """Return the results with their indicators and periods as known at the end of as_of."""
    return cached("results_framework", lambda: _framework(as_of), as_of)


def _framework(as_of: date) -> list[dict]:
    project = Project.current()
    indicators_of = selectinload(Result.indicators)
    results = db.session.scalars(
        select(Result)
        .order_by(Result.position, Result.id)
        .options(
            indicators_of.selectinload(Indicator.targets),
            indicators_of.selectinload(Indicator.actuals),
        )
    ).all()
    if project is None:
        return []
    spans = {
        kind: periods(project.start_date, project.end_date, kind) for kind in ("month", "quarter")
    }
    indicators = [i for r in results for i in r.indicators]
    wanted = {
        min(end, as_of)
        for i in indicators
        if i.computed
        for start, end in spans[i.period_kind]
        if start <= as_of
    }
    states = states_at_end_of(wanted)
    return [
        {
            "id": r.id,
            "level": r.level,
            "title_en": r.title_en,
            "title_fr": r.title_fr,
            "version": r.version,
            "indicators": [
                indicator_row(i, spans[i.period_kind], states, as_of) for i in r.indicators
            ],
        }
        for r in results
    ]


def indicator_row(indicator: Indicator, spans, states: dict, as_of: date) -> dict:
    """Return an indicator as plain data, its periods up to as_of with their actuals."""
    targets = {t.period_start: t for t in indicator.targets}
    actuals = {a.period_start: a for a in indicator.actuals if a.effective_on <= as_of}
    rows = []
    for start, end in spans:
        target = targets.get(start)
        row = {
            "start": start,
            "end": end,
            "target": target.value if target else None,
            "target_version": target.version if target else None,
            "actual": None,
            "breakdown": {},
            "effective_on": None,
            "source": "",
            "comment": "",
            "actual_version": None,
        }
        if start <= as_of:
            if indicator.computed:
                day = min(end, as_of)
                row["actual"], row["breakdown"] = compute(indicator.source, states[day], day)
                row["effective_on"] = day
            elif start in actuals:
                actual = actuals[start]
                row.update(
                    actual=actual.value,
                    breakdown=actual.breakdown or {},
                    effective_on=actual.effective_on,
                    source=actual.source,
                    comment=actual.comment,
                    actual_version=actual.version,
                )
        row["share"] = achievement(
            row["actual"], row["target"], indicator.baseline_value, indicator.direction
        )
        row["status"] = status(row["share"]) if row["target"] is not None else "no_data"
        rows.append(row)
    return {
        "id": indicator.id,
        "code": indicator.code,
        "title_en": indicator.title_en,
        "title_fr": indicator.title_fr,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_value": indicator.baseline_value,
        "baseline_date": indicator.baseline_date,
        "baseline_comment": indicator.baseline_comment,
        "period_kind": indicator.period_kind,
        "cumulative": indicator.cumulative,
        "dimensions": list(indicator.dimensions),
        "means_of_verification": indicator.means_of_verification,
        "source": indicator.source,
        "version": indicator.version,
        "periods": rows,
        "current": current_period(rows, as_of),
    }


def current_period(rows: list[dict], as_of: date) -> dict | None:
    """Return the period under way on as_of (the last one once the project has ended)."""
    started = [row for row in rows if row["start"] <= as_of]
    return started[-1] if started else None
