"""Spending is a dated fact: an amount reached in August, typed in October, is August's."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from roadmap.auth.models import User
from roadmap.commands import Invalid
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts import commands
from roadmap.posts.models import BorderPost
from roadmap.reports.issuing import build_report
from tests.factories import post_form

from .conftest import at

OCTOBER = date(2026, 10, 14)


def spent_in(report: dict, post_id: int):
    return {row["id"]: row["spent"] for row in report["posts"]}[post_id]


def entries_of(post_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(HistoryEntry)
        .where(HistoryEntry.entity == "border_post", HistoryEntry.entity_id == post_id)
    )


def manager() -> User:
    return db.session.scalar(select(User).where(User.role == "manager"))


def spend(post, amount, *, on, today=OCTOBER):
    commands.update_post(
        post,
        {"spent": Decimal(amount)},
        by=manager(),
        expected_version=post.version,
        today=today,
        effective_on=on,
    )
    db.session.commit()


def test_an_amount_entered_late_lands_in_the_month_it_was_reached(app, project):
    with app.test_request_context(), at("2026-10-14"):
        post = db.session.get(BorderPost, project["post"])
        spend(post, "42000", on=date(2026, 8, 12))
        entry = db.session.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.entity == "border_post")
            .order_by(HistoryEntry.id.desc())
        ).first()
        assert str(entry.effective_on) == "2026-08-12" and entry.late
        assert "spent" in entry.changes
        assert spent_in(build_report("2026-08", OCTOBER), post.id) == Decimal("42000")
        assert spent_in(build_report("2026-07", OCTOBER), post.id) != Decimal("42000")


def test_a_change_of_anything_else_is_not_dated(app, project):
    with app.test_request_context(), at("2026-10-14"):
        post = db.session.get(BorderPost, project["post"])
        commands.update_post(
            post,
            {"contractor": "Sahel BTP"},
            by=manager(),
            expected_version=post.version,
            today=OCTOBER,
            effective_on=date(2026, 8, 12),
        )
        db.session.commit()
        entry = db.session.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.entity == "border_post")
            .order_by(HistoryEntry.id.desc())
        ).first()
        assert entry.changes["contractor"][1] == "Sahel BTP" and entry.effective_on is None


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (date(2026, 10, 15), "cannot be in the future"),
        (date(2025, 12, 31), "cannot be before the project started"),
    ],
)
def test_an_impossible_date_is_refused_and_nothing_is_written(app, project, on, message):
    with app.test_request_context(), at("2026-10-14"):
        post = db.session.get(BorderPost, project["post"])
        before, count = post.spent, entries_of(post.id)
        with pytest.raises(Invalid) as refused:
            spend(post, "42000", on=on)
        db.session.rollback()
        assert list(refused.value.errors) == ["effective_on"]
        assert message in refused.value.errors["effective_on"][0]
        assert db.session.get(BorderPost, project["post"]).spent == before
        assert entries_of(project["post"]) == count


def test_an_amount_dated_before_the_latest_recorded_one_is_refused(app, project):
    with app.test_request_context(), at("2026-10-14"):
        post = db.session.get(BorderPost, project["post"])
        spend(post, "50000", on=date(2026, 9, 20))
        with pytest.raises(Invalid) as refused:
            spend(post, "42000", on=date(2026, 8, 12))
        db.session.rollback()
        assert "already recorded as of" in refused.value.errors["effective_on"][0]
        assert db.session.get(BorderPost, project["post"]).spent == Decimal("50000")


def test_the_post_form_dates_the_amount_and_says_what_is_wrong_by_the_field(
    app, client, auth, project
):
    app.config["ROADMAP_TODAY"] = "2026-10-14"
    with at("2026-10-14"):
        auth.login("manager")
        page = client.get(f"/posts/{project['post']}/edit").get_data(as_text=True)
        assert 'name="effective_on"' in page and 'value="2026-10-14"' in page
        refused = client.post(
            f"/posts/{project['post']}/edit",
            data=post_form(app, project["post"], spent="42000", effective_on="2026-11-02"),
        )
        assert refused.status_code == 422
        assert "cannot be in the future" in refused.get_data(as_text=True)
        saved = client.post(
            f"/posts/{project['post']}/edit",
            data=post_form(app, project["post"], spent="42000", effective_on="2026-08-12"),
        )
        assert saved.status_code == 302
        report = client.get("/api/v1/posts?as_of=2026-08-31").get_json()
        assert {p["id"]: p["spent"] for p in report["items"]}[project["post"]] in (
            42000,
            "42000.00",
        )


def test_a_viewer_cannot_date_an_amount(app, client, auth, project):
    auth.login("viewer")
    answer = client.post(
        f"/posts/{project['post']}/edit",
        data=post_form(app, project["post"], spent="42000", effective_on="2026-08-12"),
    )
    assert answer.status_code == 403
    with app.app_context():
        assert db.session.get(BorderPost, project["post"]).spent != Decimal("42000")
