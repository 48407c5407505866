"""The border posts' rules, tested against their commands without HTTP."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts import commands, csvio, importing
from roadmap.posts.models import BorderPost, PostUpdate

TODAY = date(2026, 8, 15)
GAYA = {
    "name": "Gaya",
    "country": "NER",
    "neighbour_country": "BEN",
    "kind": "river",
    "latitude": 11.88,
    "longitude": 3.45,
    "priority": "high",
}


@pytest.fixture
def ctx(app):
    """Yield a request context with one registered post and the test accounts."""
    with app.test_request_context():
        manager = account("manager")
        post = commands.create_post(
            {**GAYA, "stage": "works_in_progress", "progress": 40},
            by=manager,
            today=TODAY,
            on=date(2026, 6, 1),
            comment="Works started",
        )
        db.session.commit()
        yield {"post": post, "manager": manager, "viewer": account("viewer")}


def account(role: str) -> User:
    return db.session.scalar(select(User).filter_by(email=f"{role}@example.org"))


def last_entry(entity: str, entity_id: int) -> HistoryEntry:
    return db.session.scalars(
        select(HistoryEntry)
        .filter_by(entity=entity, entity_id=entity_id)
        .order_by(HistoryEntry.id.desc())
    ).first()


def update(ctx, **values):
    post = ctx["post"]
    fields = {
        "on": TODAY,
        "stage": "works_in_progress",
        "progress": 60,
        "by": ctx["manager"],
        "expected_version": post.version,
        "today": TODAY,
    }
    return commands.record_update(post, **{**fields, **values})


def test_a_new_post_starts_with_its_registration(ctx):
    post = commands.create_post(
        {**GAYA, "name": "  Makalondi ", "contractor": None, "neighbour_country": ""},
        by=ctx["manager"],
        today=TODAY,
    )
    db.session.commit()
    assert (post.name, post.contractor, post.neighbour_country) == ("Makalondi", "", None)
    assert (post.stage, post.progress) == ("identified", 0)
    (registered,) = post.updates
    assert (registered.date, registered.comment) == (TODAY, "Post registered")
    assert registered.author_id == ctx["manager"].id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"latitude": 3.45, "longitude": 11.88}, "latitude"),  # swapped coordinates
        ({"name": "Gaya"}, "name"),  # taken in Niger already
        ({"name": "Dosso", "stage": "completed", "progress": 50}, "progress"),
        ({"name": "Dosso", "stage": "designed", "progress": 100}, "stage"),
    ],
)
def test_a_post_is_refused_where_the_rules_say(ctx, changes, field):
    with pytest.raises(Invalid) as refused:
        commands.create_post({**GAYA, **changes}, by=ctx["manager"], today=TODAY)
    assert field in refused.value.errors
    assert db.session.scalar(select(db.func.count(BorderPost.id))) == 1


def test_a_viewer_cannot_register_a_post(ctx):
    with pytest.raises(NotAllowed):
        commands.create_post({**GAYA, "name": "Dosso"}, by=ctx["viewer"], today=TODAY)


def test_update_post_checks_the_version_and_the_place(ctx):
    post = ctx["post"]
    with pytest.raises(Stale):
        commands.update_post(
            post, {"notes": "x"}, by=ctx["manager"], expected_version=post.version + 1
        )
    with pytest.raises(Invalid) as refused:
        commands.update_post(
            post, {"latitude": 25.0}, by=ctx["manager"], expected_version=post.version
        )
    assert set(refused.value.errors) == {"latitude"}
    commands.update_post(
        post, {"contractor": " Niger Fleuve "}, by=ctx["manager"], expected_version=post.version
    )
    db.session.commit()
    assert post.contractor == "Niger Fleuve"


def test_an_update_moves_the_post_on(ctx):
    assert update(ctx, comment=" Roof done ") is True
    db.session.commit()
    post = ctx["post"]
    assert (post.stage, post.progress) == ("works_in_progress", 60)
    assert post.updates[0].comment == "Roof done"
    assert last_entry("border_post", post.id).changes == {"progress": [40, 60]}


def test_moving_back_needs_a_reason_which_the_update_keeps(ctx):
    with pytest.raises(Invalid) as refused:
        update(ctx, progress=30)
    assert set(refused.value.errors) == {"reason"}
    assert update(ctx, progress=30, comment="Flood", reason=" Wall washed away ") is True
    db.session.commit()
    post = ctx["post"]
    assert post.updates[0].comment == "Flood\nReason for moving back: Wall washed away"
    assert last_entry("border_post", post.id).reason == "Wall washed away"
    assert last_entry("post_update", post.updates[0].id).reason == "Wall washed away"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"on": date(2026, 8, 16)}, "date"),
        ({"stage": "completed", "progress": 90}, "progress"),
        ({"stage": "nowhere"}, "stage"),
    ],
)
def test_bad_updates_are_refused(ctx, values, field):
    with pytest.raises(Invalid) as refused:
        update(ctx, **values)
    assert field in refused.value.errors
    assert len(ctx["post"].updates) == 1


def test_an_earlier_update_joins_the_timeline_only(ctx):
    update(ctx, on=date(2026, 7, 1), progress=60)
    db.session.commit()
    # Dated before the 1 July update: compared with the state on 20 June, it stays behind.
    assert update(ctx, on=date(2026, 6, 20), progress=50) is False
    db.session.commit()
    assert ctx["post"].progress == 60
    assert [u.progress for u in ctx["post"].updates] == [60, 50, 40]


def test_a_stale_update_is_refused(ctx):
    with pytest.raises(Stale):
        update(ctx, expected_version=ctx["post"].version + 1)


def test_an_import_says_where_its_changes_come_from(ctx):
    data = (
        b"name,country,latitude,longitude,stage,progress\n"
        b"Gaya,NER,11.88,3.45,works_in_progress,70\n"
        b"Dosso,NER,13.05,3.19,identified,0\n"
    )
    existing = importing.existing_posts()
    parsed = importing.read(data, existing)
    result = commands.import_posts(
        parsed, existing, source="posts.csv", by=ctx["manager"], today=TODAY
    )
    db.session.commit()
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert ctx["post"].progress == 70
    assert last_entry("border_post", ctx["post"].id).reason == "Imported from posts.csv"
    dosso = db.session.scalar(select(BorderPost).filter_by(name="Dosso"))
    assert [(u.date, u.comment) for u in dosso.updates] == [(TODAY, "Imported from posts.csv")]


def test_an_import_with_problems_writes_nothing(ctx):
    parsed = csvio.ParsedFile(rows=[], problems=["line 2: no name"])
    with pytest.raises(ValueError):
        commands.import_posts(parsed, {}, source="bad.csv", by=ctx["manager"], today=TODAY)
    assert db.session.scalar(select(db.func.count(PostUpdate.id))) == 1
