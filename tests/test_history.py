"""The change history records every change in the same transaction, and nothing else."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from roadmap.extensions import db
from roadmap.history import HistoryEntry, set_reason
from roadmap.schedule.models import Project


def make_project():
    return Project(
        name="Border project",
        code="BP-1",
        donor="Donor",
        implementing_org="IOM",
        start_date=date(2026, 3, 1),
        end_date=date(2027, 2, 28),
        countries=["MLI", "NER"],
    )


def entries():
    return db.session.scalars(select(HistoryEntry).order_by(HistoryEntry.id)).all()


def test_create_update_delete_are_recorded(app):
    with app.app_context():
        project = make_project()
        db.session.add(project)
        db.session.commit()
        created = entries()[-1]
        assert (created.entity, created.action, created.entity_id) == (
            "project",
            "create",
            project.id,
        )
        assert created.changes["name"] == [None, "Border project"]
        assert created.changes["start_date"] == [None, "2026-03-01"]

        project.name = "Renamed"
        db.session.commit()
        updated = entries()[-1]
        assert updated.action == "update"
        assert updated.changes == {"name": ["Border project", "Renamed"]}
        assert updated.at.tzinfo is not None

        db.session.delete(project)
        db.session.commit()
        deleted = entries()[-1]
        assert deleted.action == "delete"
        assert deleted.changes["name"] == ["Renamed", None]


def test_rolled_back_change_leaves_no_record(app):
    with app.app_context():
        before = len(entries())
        db.session.add(make_project())
        db.session.flush()
        db.session.rollback()
        assert len(entries()) == before


def test_failed_commit_leaves_no_record(app):
    with app.app_context():
        db.session.add(make_project())
        db.session.commit()
        before = len(entries())
        duplicate = make_project()  # same unique code
        db.session.add(duplicate)
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert len(entries()) == before


def test_reason_and_author_are_kept(app, client, auth):
    with app.app_context():
        project = make_project()
        db.session.add(project)
        db.session.commit()
        set_reason(db.session, "approved re-plan")
        project.summary = "New summary"
        db.session.commit()
        assert entries()[-1].reason == "approved re-plan"
        project.summary = "Again"
        db.session.commit()
        assert entries()[-1].reason == ""  # a reason applies to one transaction only


def test_secrets_never_reach_history(app):
    with app.app_context():
        for entry in entries():
            assert "password_hash" not in entry.changes
            assert "session_token" not in entry.changes


def test_history_page_filters_by_entity(app, client, auth):
    with app.app_context():
        db.session.add(make_project())
        db.session.commit()
    auth.login("viewer")
    page = client.get("/history?entity=project").get_data(as_text=True)
    assert "Border project" in page
    assert "Admin User" not in page  # account entries are filtered out


def test_old_value_recorded_when_assigned_without_reading(app):
    with app.app_context():
        db.session.add(make_project())
        db.session.commit()  # expires every attribute: the next assignment happens unread
        project = db.session.scalar(select(Project))
        db.session.expire(project)
        project.name = "Assigned blind"
        db.session.commit()
        assert entries()[-1].changes["name"] == ["Border project", "Assigned blind"]


def test_changed_since_reads_the_updates_made_after_a_version(app):
    from roadmap.history import changed_since

    with app.app_context():
        project = make_project()
        db.session.add(project)
        db.session.commit()
        assert project.version == 1
        project.donor = "Japan"
        db.session.commit()
        project.name, project.code = "Border management", "BM-2"
        db.session.commit()
        assert changed_since(project, 1) == ["code", "donor", "name"]
        assert changed_since(project, 2) == ["code", "name"]
        assert changed_since(project, 3) == []  # the current version
        assert changed_since(project, 7) == []  # a version it never had
        assert changed_since(project, 0) == []
