"""The milestones list a page at a time: cut in the database unless health decides.

Health and float are derived, not stored, so a filter or sort by them needs every row; any other
list is counted, ordered and cut by the database, and only its fifty rows are read.
"""

from sqlalchemy import select

from roadmap.paging import ListPage, page_of, paginate_rows
from roadmap.schedule.models import Milestone
from roadmap.schedule.queries import (
    ROW_COLUMNS,
    _filtered,
    load_rows,
    milestone_row,
    plan_network,
    with_float,
)

# Orders of the list, for rows in memory; ties keep the Gantt order.
SORT_KEYS = {
    "title": lambda row: row["title"].lower(),
    "workstream": lambda row: row["workstream"].lower(),
    "start": lambda row: row["start"],
    "end": lambda row: row["end"],
    "slip": lambda row: (row["slip"] is None, row["slip"] or 0),
    "percent": lambda row: row["percent"],
    "status": lambda row: row["status"],
    "health": lambda row: ("late", "at_risk", "on_track").index(row["health"]),
    "float": lambda row: (row["float"] is None, row["float"] or 0),
}
# The same orders in SQL, where they agree with Python's on every database (no text
# collation, no date arithmetic); the others are sorted in memory.
SQL_SORTS = {
    "start": Milestone.current_start,
    "end": Milestone.current_end,
    "percent": Milestone.percent_complete,
    "status": Milestone.status,
}
DERIVED_FILTERS = ("health", "due", "critical")


def in_database(filters: dict, sort: str) -> bool:
    """Tell whether the database can filter, order and cut this list by itself."""
    return not any(name in filters for name in DERIVED_FILTERS) and (
        sort in SQL_SORTS or sort not in SORT_KEYS
    )


def milestone_page(
    filters: dict, sort: str, descending: bool, number: int, per_page: int, today
) -> ListPage:
    """Return page `number` of the filtered, sorted milestones as plain rows with health."""
    if not in_database(filters, sort):
        rows = load_rows(filters, today)
        if sort in SORT_KEYS:
            rows.sort(key=SORT_KEYS[sort], reverse=descending)
        return page_of(rows, number, per_page)
    query = select(*ROW_COLUMNS).join(Milestone.workstream)
    if sort in SQL_SORTS:
        query = query.order_by(SQL_SORTS[sort].desc() if descending else SQL_SORTS[sort])
    page = paginate_rows(_filtered(query, filters), number, per_page)
    floats = plan_network()["floats"]
    page.items = [with_float(milestone_row(record, today), floats) for record in page.items]
    return page
