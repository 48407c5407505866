"""Moving a bar in the Gantt chart: preview, save through the commands, 409 when stale, undo."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Milestone
from tests import factories


@pytest.fixture
def chain(app):
    """Works → handover (5 days' lag) → report; training on its own."""
    with app.app_context():
        stream = factories.workstream()
        works = factories.milestone(stream, "Works", date(2026, 8, 1), date(2026, 8, 31))
        handover = factories.milestone(
            stream, "Handover", date(2026, 9, 5), date(2026, 9, 5), predecessors={works: 5}
        )
        report = factories.milestone(
            stream, "Report", date(2026, 9, 10), date(2026, 9, 30), predecessors=[handover]
        )
        factories.milestone(stream, "Training", date(2026, 8, 1), date(2026, 8, 20))
        db.session.commit()
        return {"works": works.id, "handover": handover.id, "report": report.id}


def dates(app, key):
    with app.app_context():
        record = db.session.get(Milestone, key)
        return record.current_start, record.current_end


def version(app, key):
    with app.app_context():
        return db.session.get(Milestone, key).version


def test_preview_lists_the_successors_that_move_and_writes_nothing(app, client, auth, chain):
    auth.login("manager")
    body = client.post(
        f"/milestones/{chain['works']}/move/preview",
        json={"start": "2026-08-11", "end": "2026-09-10"},
    ).json
    assert [move["title"] for move in body["moves"]] == ["Handover", "Report"]
    assert "Sep 5, 2026 – Sep 5, 2026 → Sep 15, 2026 – Sep 15, 2026" in body["moves"][0]["text"]
    assert body["moves_text"] == "2 later milestones move with it:"
    assert body["outside"] is False and body["version"] == version(app, chain["works"])
    assert dates(app, chain["handover"]) == (date(2026, 9, 5), date(2026, 9, 5))
    # past the grant window (the project ends on 28 February 2027): a warning
    late = client.post(
        f"/milestones/{chain['works']}/move/preview",
        json={"start": "2027-02-01", "end": "2027-02-27"},
    ).json
    assert late["outside"] is True and "grant window" in late["outside_text"]


def test_save_pushes_successors_and_undo_puts_everything_back(app, client, auth, chain):
    auth.login("manager")
    saved = client.post(
        f"/milestones/{chain['works']}/move",
        json={"start": "2026-08-11", "end": "2026-09-10", "version": version(app, chain["works"])},
    )
    assert saved.status_code == 200, saved.json
    assert "2 later milestones were pushed" in saved.json["message"]
    assert dates(app, chain["works"]) == (date(2026, 8, 11), date(2026, 9, 10))
    assert dates(app, chain["handover"]) == (date(2026, 9, 15), date(2026, 9, 15))
    assert dates(app, chain["report"]) == (date(2026, 9, 15), date(2026, 10, 5))
    undone = client.post("/milestones/move/undo", json={"undo": saved.json["undo"]})
    assert undone.status_code == 200, undone.json
    assert dates(app, chain["works"]) == (date(2026, 8, 1), date(2026, 8, 31))
    assert dates(app, chain["handover"]) == (date(2026, 9, 5), date(2026, 9, 5))
    assert dates(app, chain["report"]) == (date(2026, 9, 10), date(2026, 9, 30))
    with app.app_context():
        reasons = [
            entry.reason
            for entry in db.session.scalars(
                select(HistoryEntry)
                .filter_by(entity="milestone", entity_id=chain["works"], action="update")
                .order_by(HistoryEntry.id)
            )
        ]
    assert reasons == ["Moved in the Gantt chart", "Undo of a move in the Gantt chart"]
    # undone once, the same undo is stale
    again = client.post("/milestones/move/undo", json={"undo": saved.json["undo"]})
    assert again.status_code == 409


def test_a_stale_save_is_refused_with_409(app, client, auth, chain):
    auth.login("manager")
    old = version(app, chain["works"])
    with app.app_context():
        db.session.get(Milestone, chain["works"]).owner = "Ministry"  # someone else saves
        db.session.commit()
    response = client.post(
        f"/milestones/{chain['works']}/move",
        json={"start": "2026-08-11", "end": "2026-09-10", "version": old},
    )
    assert response.status_code == 409
    assert "changed this milestone" in response.json["message"]
    assert dates(app, chain["handover"]) == (date(2026, 9, 5), date(2026, 9, 5))


@pytest.mark.parametrize(
    "body",
    [{}, {"start": "soon", "end": "2026-09-10"}, {"start": "2026-09-10", "end": "2026-09-01"}],
)
def test_bad_dates_are_refused(app, client, auth, chain, body):
    auth.login("manager")
    for path in (
        f"/milestones/{chain['works']}/move/preview",
        f"/milestones/{chain['works']}/move",
    ):
        response = client.post(path, json={**body, "version": version(app, chain["works"])})
        assert response.status_code == 422 and response.json["message"]
    for undo in (None, [], [{"id": "x"}], [{"id": chain["works"], "start": "2026-01-01"}]):
        response = client.post("/milestones/move/undo", json={"undo": undo})
        assert response.status_code == 422
    assert dates(app, chain["works"]) == (date(2026, 8, 1), date(2026, 8, 31))


def test_viewers_cannot_move(client, auth, chain):
    auth.login("viewer")
    for path in (
        f"/milestones/{chain['works']}/move/preview",
        f"/milestones/{chain['works']}/move",
    ):
        assert (
            client.post(path, json={"start": "2026-08-11", "end": "2026-09-10"}).status_code == 403
        )
    assert client.post("/milestones/move/undo", json={"undo": []}).status_code == 403
