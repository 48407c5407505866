"""A change made on a page and the same change made through the API leave the same history."""

from datetime import date

from sqlalchemy import func, select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts import commands as post_commands
from roadmap.posts.models import BorderPost
from roadmap.schedule import commands as schedule_commands
from roadmap.schedule.models import Milestone

TODAY = date(2026, 8, 15)  # TestingConfig pins the same day


def marker(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.max(HistoryEntry.id))) or 0


def rows_after(app, mark: int) -> list[tuple]:
    """Return what the history recorded after `mark`: entity, id, action, changes, reason, who.

    A row created by the change has a new id each time, so creations are compared without it.
    """
    with app.app_context():
        entries = db.session.scalars(
            select(HistoryEntry).where(HistoryEntry.id > mark).order_by(HistoryEntry.id)
        ).all()
        return sorted(
            (
                entry.entity,
                None if entry.action == "create" else entry.entity_id,
                entry.action,
                entry.changes,
                entry.reason,
                entry.user_name,
            )
            for entry in entries
        )


def manager() -> User:
    return db.session.scalar(select(User).filter_by(email="manager@example.org"))


def test_a_milestone_edited_on_its_page_and_through_the_api(app, client, auth, ids, headers):
    rehab, handover = ids["rehab"], ids["handover"]
    with app.app_context():
        item = db.session.get(Milestone, rehab)
        version = item.version
    auth.login("manager")
    mark = marker(app)
    response = client.post(
        f"/milestones/{rehab}/edit",
        data={
            "title": "Rehabilitate Makalondi",
            "description": "",
            "workstream_id": str(ids["workstream"]),
            "owner": "",
            "country": "NER",
            "post_id": str(ids["post"]),
            "workshop_id": "None",
            "current_start": "2026-06-01",
            "current_end": "2026-10-20",
            "actual_start": "2026-06-01",
            "actual_finish": "",
            "percent_complete": "40",
            "status": "in_progress",
            "reason": "",
            "version": str(version),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    by_page = rows_after(app, mark)
    assert {(row[0], row[1]) for row in by_page} == {("milestone", rehab), ("milestone", handover)}

    with app.test_request_context():  # put both milestones back as they were
        user = manager()
        for key, changes in (
            (rehab, {"current_end": date(2026, 9, 30), "percent_complete": 20}),
            (handover, {"current_start": date(2026, 10, 5), "current_end": date(2026, 10, 5)}),
        ):
            item = db.session.get(Milestone, key)
            schedule_commands.update_milestone(
                item, changes, by=user, expected_version=item.version, today=TODAY
            )
        db.session.commit()
        version = db.session.get(Milestone, rehab).version

    mark = marker(app)
    response = app.test_client().patch(
        f"/api/v1/milestones/{rehab}",
        json={"version": version, "current_end": "2026-10-20", "percent_complete": 40},
        headers=headers("manager"),
    )
    assert response.status_code == 200, response.json
    assert rows_after(app, mark) == by_page


def test_a_post_update_on_its_page_and_through_the_api(app, client, auth, ids, headers):
    post_id = ids["post"]
    with app.app_context():
        version = db.session.get(BorderPost, post_id).version
    auth.login("manager")
    mark = marker(app)
    response = client.post(
        f"/posts/{post_id}/updates/new",
        data={
            "date": TODAY.isoformat(),
            "stage": "identified",
            "progress": "0",
            "comment": "Site visited again",
            "reason": "The assessment is redone",
            "version": str(version),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    by_page = rows_after(app, mark)
    assert {row[0] for row in by_page} == {"border_post", "post_update"}
    assert {row[4] for row in by_page} == {"The assessment is redone"}

    with app.test_request_context():  # the post moves on again, to where it was
        post = db.session.get(BorderPost, post_id)
        post_commands.record_update(
            post,
            on=TODAY,
            stage="assessed",
            progress=10,
            by=manager(),
            expected_version=post.version,
            today=TODAY,
        )
        db.session.commit()
        version = post.version

    mark = marker(app)
    response = app.test_client().patch(
        f"/api/v1/posts/{post_id}",
        json={
            "version": version,
            "stage": "identified",
            "progress": 0,
            "comment": "Site visited again",
            "reason": "The assessment is redone",
        },
        headers=headers("manager"),
    )
    assert response.status_code == 200, response.json
    assert rows_after(app, mark) == by_page
