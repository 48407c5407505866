"""Pages of a long list: the page asked for, clamped to the pages that exist.

A page number that is not a number, or below 1, means the first page; one past the
end means the last page, so an old link after deletions still shows something.
Both kinds of page have what templates/_macros.html's pager reads.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from roadmap.extensions import db


def requested_page(args) -> int:
    """Return the page number of a query string; 1 when it is missing or not a number."""
    text = (args.get("page") or "").strip()
    if not text.isdigit():
        return 1
    return max(1, min(int(text), 1_000_000))


@dataclass
class ListPage:
    """One page of a list already in memory."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def page_of(items: list, number: int, per_page: int) -> ListPage:
    """Return page `number` of the list (the last page when it lies beyond)."""
    pages = max(1, -(-len(items) // per_page))
    number = min(max(1, number), pages)
    start = (number - 1) * per_page
    return ListPage(items[start : start + per_page], number, per_page, len(items))


def paginate(query, number: int, per_page: int):
    """Return page `number` of a query, counted in the database (the last when beyond)."""
    page = db.paginate(query, page=number, per_page=per_page, error_out=False, count=True)
    if number > 1 and not page.items and page.pages and number > page.pages:
        page = db.paginate(query, page=page.pages, per_page=per_page, error_out=False)
    return page


def paginate_rows(query, number: int, per_page: int) -> ListPage:
    """Return page `number` of a query's rows (tuples, not records), counted in the database."""
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    total = db.session.scalar(counted) or 0
    number = min(max(1, number), max(1, -(-total // per_page)))
    rows = db.session.execute(query.limit(per_page).offset((number - 1) * per_page)).all()
    return ListPage(rows, number, per_page, total)
