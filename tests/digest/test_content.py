"""The digest's content from plain facts, without a database."""

from datetime import date, timedelta

from roadmap.digest.content import (
    Facts,
    MilestoneFact,
    OutcomeFact,
    PostFact,
    build_digest,
    same_week,
    waiting_month,
    week_of,
)
from roadmap.months import Month

TODAY = date(2026, 8, 15)  # a Saturday
MONTHS = Month.span(date(2026, 3, 1), date(2027, 2, 28))


def link(endpoint, _anchor=None, **values):
    text = f"{endpoint}:{','.join(f'{k}={v}' for k, v in sorted(values.items()))}"
    return f"{text}#{_anchor}" if _anchor else text


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def facts(**lists) -> Facts:
    issued = lists.pop("issued", frozenset(Month(m) for m in ("2026-03", "2026-07")))
    return Facts(project="CBM", months=MONTHS, issued=issued, **lists)


def test_milestones_past_their_end_and_due_within_14_days_are_listed_in_order():
    milestones = [
        MilestoneFact(1, "Late, in progress", days(-3), "in_progress", 40),
        MilestoneFact(2, "Later still", days(-10), "planned", 0),
        MilestoneFact(3, "Due today", days(0), "in_progress", 90),
        MilestoneFact(4, "Due in two weeks", days(14), "planned", 0),
        MilestoneFact(5, "Due in 15 days", days(15), "planned", 0),
        MilestoneFact(6, "Done late", days(-5), "done", 100),
        MilestoneFact(7, "Cancelled", days(-5), "cancelled", 0),
    ]
    digest = build_digest(facts(milestones=milestones), TODAY, link)
    assert [(i.id, i.days) for i in digest.overdue] == [(2, 10), (1, 3)]
    assert [(i.id, i.days) for i in digest.due_soon] == [(3, 0), (4, 14)]
    assert digest.overdue[0].url == "schedule.milestone:milestone_id=2"
    assert digest.overdue[0].detail == "planned"


def test_open_outcomes_past_their_due_date_link_to_their_row_of_the_workshop():
    outcomes = [
        OutcomeFact(1, 9, "Designate focal points.", "Governments", days(-1), "in_progress"),
        OutcomeFact(2, 9, "Due today.", "IOM", days(0), "not_started"),
        OutcomeFact(3, 9, "Done.", "IOM", days(-30), "completed"),
        OutcomeFact(4, 9, "Dropped.", "IOM", days(-30), "discontinued"),
        OutcomeFact(5, 9, "No date.", "IOM", None, "constrained"),
    ]
    digest = build_digest(facts(outcomes=outcomes), TODAY, link)
    assert [(i.id, i.days, i.detail) for i in digest.outcomes] == [(1, 1, "Governments")]
    assert digest.outcomes[0].url == "workshops.workshop:workshop_id=9#outcome-1"


def test_posts_without_news_for_30_days_unless_handed_over():
    posts = [
        PostFact(1, "Quiet", "NER", "assessed", days(-30)),
        PostFact(2, "Recent", "NER", "assessed", days(-29)),
        PostFact(3, "Quieter", "MLI", "designed", days(-90)),
        PostFact(4, "Finished", "MLI", "handed_over", days(-200)),
    ]
    digest = build_digest(facts(posts=posts), TODAY, link)
    assert [(i.title, i.days, i.detail) for i in digest.quiet_posts] == [
        ("Quieter", 90, "MLI"),
        ("Quiet", 30, "NER"),
    ]
    assert digest.quiet_posts[0].url == "posts.post:post_id=3"


def test_the_report_waiting_is_the_last_ended_month_without_an_issued_version():
    assert waiting_month(MONTHS, frozenset({Month("2026-07")}), TODAY) == Month("2026-06")
    assert waiting_month(MONTHS, frozenset(), TODAY) == Month("2026-07")
    every = frozenset(m for m in MONTHS if m < "2026-08")
    assert waiting_month(MONTHS, every, TODAY) is None
    assert waiting_month(MONTHS, frozenset(), date(2026, 3, 31)) is None  # none has ended
    digest = build_digest(facts(issued=frozenset()), TODAY, link)
    assert digest.report.title == "2026-07" and digest.report.url == "reports.report:month=2026-07"
    assert digest.count == 1 and not digest.is_empty


def test_nothing_to_say_is_an_empty_digest():
    every = frozenset(m for m in MONTHS if m < "2026-08")
    digest = build_digest(facts(issued=every), TODAY, link)
    assert digest.is_empty and digest.count == 0 and digest.report is None


def test_a_week_runs_from_monday():
    assert week_of(TODAY) == date(2026, 8, 10)
    assert same_week(date(2026, 8, 10), TODAY) and same_week(date(2026, 8, 16), TODAY)
    assert not same_week(date(2026, 8, 9), TODAY) and not same_week(None, TODAY)
