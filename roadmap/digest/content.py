"""What a week's digest lists, from plain facts: pure functions, no session, no request.

The digest names what needs someone's attention on `today`: milestones past their end
unfinished, or ending within DUE_WITHIN_DAYS; workshop outcomes past their due date
and still open; posts with no news (a dated update) for QUIET_DAYS; and the report
waiting to be issued, the last month that has ended without an issued version. Each
item carries the address of its page, made by the `link(endpoint, **values)` given.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from roadmap.months import Month

DUE_WITHIN_DAYS = 14
QUIET_DAYS = 30
CLOSED_MILESTONE = frozenset({"done", "cancelled"})
CLOSED_OUTCOME = frozenset({"completed", "discontinued"})
FINAL_STAGE = "handed_over"  # a post handed over has no more news to give
# Items shown per list; the rest are counted, with a link to the page that lists them all
# (a large project's digest would otherwise name hundreds of quiet posts).
SHOWN = 10


@dataclass(frozen=True)
class MilestoneFact:
    id: int
    title: str
    end: date
    status: str
    percent_complete: int


@dataclass(frozen=True)
class OutcomeFact:
    id: int
    workshop_id: int
    text: str
    responsible: str
    due: date | None
    status: str


@dataclass(frozen=True)
class PostFact:
    id: int
    name: str
    country: str
    stage: str
    last_news: date  # the latest update's effective date, else the day it was entered


@dataclass(frozen=True)
class Facts:
    """The project's state a digest is made from, the same for every reader."""

    project: str
    months: list[Month]  # the months the project reports on
    issued: frozenset[Month]
    milestones: list[MilestoneFact] = field(default_factory=list)
    outcomes: list[OutcomeFact] = field(default_factory=list)
    posts: list[PostFact] = field(default_factory=list)


@dataclass(frozen=True)
class Item:
    """One line of the digest: what, its page, the day that matters and how far off it is."""

    id: int
    title: str
    url: str
    day: date
    days: int  # days late (overdue, past due, without news) or days left (due soon)
    detail: str = ""  # the status, the responsible party, the country: words for the template


@dataclass(frozen=True)
class Digest:
    project: str
    today: date
    week_of: date  # the Monday of today's week: one digest per reader per week
    overdue: list[Item]
    due_soon: list[Item]
    outcomes: list[Item]
    quiet_posts: list[Item]
    report: Item | None  # its id is 0; its title the month, `day` its last day
    # The page listing each list's items in full, for those beyond SHOWN.
    full_lists: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        lists = (self.overdue, self.due_soon, self.outcomes, self.quiet_posts)
        return sum(len(items) for items in lists) + (self.report is not None)

    @property
    def is_empty(self) -> bool:
        return self.count == 0


def week_of(day: date) -> date:
    """Return the Monday of the ISO week `day` falls in."""
    return day - timedelta(days=day.weekday())


def same_week(one: date | None, other: date) -> bool:
    return one is not None and week_of(one) == week_of(other)


def build_digest(facts: Facts, today: date, link) -> Digest:
    """Return the digest of `facts` on `today`, each item linked by `link`."""
    soon = today + timedelta(days=DUE_WITHIN_DAYS)
    open_milestones = sorted(
        (m for m in facts.milestones if m.status not in CLOSED_MILESTONE and m.end <= soon),
        key=lambda m: (m.end, m.id),
    )
    overdue = [_milestone(m, link, (today - m.end).days) for m in open_milestones if m.end < today]
    due_soon = [
        _milestone(m, link, (m.end - today).days) for m in open_milestones if m.end >= today
    ]
    outcomes = [
        Item(
            o.id,
            o.text,
            link("workshops.workshop", workshop_id=o.workshop_id, _anchor=f"outcome-{o.id}"),
            o.due,
            (today - o.due).days,
            o.responsible,
        )
        for o in sorted(facts.outcomes, key=lambda o: (o.due or today, o.id))
        if o.status not in CLOSED_OUTCOME and o.due is not None and o.due < today
    ]
    quiet_posts = [
        Item(
            p.id,
            p.name,
            link("posts.post", post_id=p.id),
            p.last_news,
            (today - p.last_news).days,
            p.country,
        )
        for p in sorted(facts.posts, key=lambda p: (p.last_news, p.name))
        if p.stage != FINAL_STAGE and (today - p.last_news).days >= QUIET_DAYS
    ]
    return Digest(
        project=facts.project,
        today=today,
        week_of=week_of(today),
        overdue=overdue,
        due_soon=due_soon,
        outcomes=outcomes,
        quiet_posts=quiet_posts,
        report=_waiting_report(facts, today, link),
        full_lists={
            "overdue": link("schedule.milestones", health="late", sort="end"),
            "due_soon": link("schedule.milestones", sort="end"),
            "outcomes": link("workshops.index"),
            "quiet_posts": link("posts.index"),
        },
    )


def _milestone(m: MilestoneFact, link, days: int) -> Item:
    return Item(m.id, m.title, link("schedule.milestone", milestone_id=m.id), m.end, days, m.status)


def waiting_month(months: list[Month], issued: frozenset[Month], today: date) -> Month | None:
    """Return the last month that has ended without an issued report, or None."""
    ended = [month for month in months if month.end < today and month not in issued]
    return max(ended) if ended else None


def _waiting_report(facts: Facts, today: date, link) -> Item | None:
    month = waiting_month(facts.months, facts.issued, today)
    if month is None:
        return None
    return Item(
        0, str(month), link("reports.report", month=month), month.end, (today - month.end).days
    )
