"""The demo loader: idempotent, one transaction, and data that holds together."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from roadmap.auth.models import User
from roadmap.auth.passwords import password_problem
from roadmap.demo import dated_history, seed
from roadmap.demo.seed import DEMO_START, load_demo, project_end
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.models import STAGES, BorderPost, PostUpdate
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.workshops.models import Outcome, OutcomeNote, Participation, Workshop
from tests import factories

# The "today" the demo data is written for (TestingConfig pins the same date).
DEMO_TODAY = date(2026, 8, 15)
# (lat min, lat max, lon min, lon max), generous rectangles around each country.
BOXES = {
    "MLI": (10.1, 25.0, -12.3, 4.3),
    "NER": (11.7, 23.5, 0.1, 16.0),
    "MRT": (14.7, 27.3, -17.1, -4.8),
    "BFA": (9.4, 15.1, -5.5, 2.4),
}
MODELS = (
    Project,
    Workstream,
    Milestone,
    MilestoneDependency,
    BorderPost,
    PostUpdate,
    Workshop,
    Participation,
    Outcome,
    OutcomeNote,
    User,
)


def counts() -> dict[str, int]:
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in MODELS}


def all_of(model):
    return db.session.scalars(select(model)).all()


@pytest.fixture
def demo(demo):
    """The demo project (the suite's copy of what one load wrote), inside an app context."""
    with demo.app_context():
        yield demo


def test_second_load_changes_nothing(demo):
    before = counts()
    created, accounts = load_demo(DEMO_START)
    assert not created
    assert counts() == before
    assert {password for _, password, _ in accounts} == {"(unchanged)"}


def test_sizes(demo):
    assert 20 <= len(all_of(BorderPost)) <= 30
    assert 8 <= len(all_of(Outcome)) <= 12
    assert 20 <= len(all_of(Milestone)) <= 32
    assert [w.name for w in all_of(Project)[0].workstreams][0] == "Assessment and mapping"
    assert {post.stage for post in all_of(BorderPost)} == set(STAGES)


def test_project(demo):
    project = db.session.scalars(select(Project)).one()
    assert (project.start_date, project.end_date) == (date(2026, 3, 1), date(2027, 2, 28))
    assert project.countries == ["MLI", "NER", "MRT", "BFA"]
    assert project.iati_identifier.startswith("XM-DAC-47066-")


def test_posts_inside_their_country(demo):
    for post in all_of(BorderPost):
        lat_min, lat_max, lon_min, lon_max = BOXES[post.country]
        assert lat_min <= post.latitude <= lat_max, post.name
        assert lon_min <= post.longitude <= lon_max, post.name
        assert post.neighbour_country != post.country


def test_posts_end_at_their_latest_update(demo):
    for post in all_of(BorderPost):
        updates = sorted(post.updates, key=lambda u: (u.date, u.id))
        assert [u.date for u in updates] == sorted({u.date for u in updates}), post.name
        assert updates[-1].date <= DEMO_TODAY
        assert (post.stage, post.progress) == (updates[-1].stage, updates[-1].progress)
        stages = [STAGES.index(u.stage) for u in updates]
        assert stages == sorted(stages), post.name


@pytest.mark.parametrize(
    "stage, low, high",
    [
        ("identified", 0, 0),
        ("procured", 0, 0),
        ("works_in_progress", 10, 95),
        ("completed", 100, 100),
        ("handed_over", 100, 100),
    ],
)
def test_progress_matches_stage(demo, stage, low, high):
    posts = db.session.scalars(select(BorderPost).where(BorderPost.stage == stage)).all()
    assert posts
    assert all(low <= post.progress <= high for post in posts)


def test_some_posts_over_budget(demo):
    assert 1 <= sum(post.over_budget for post in all_of(BorderPost)) <= 3


def test_milestones_consistent(demo):
    milestones = all_of(Milestone)
    for m in milestones:
        assert m.current_end >= m.current_start, m.title
        assert m.baseline_end >= m.baseline_start, m.title
        if m.status == "done":
            assert m.percent_complete == 100 and m.actual_finish is not None, m.title
            assert m.current_end <= DEMO_TODAY
        if m.status == "in_progress":
            assert m.actual_start is not None and 0 < m.percent_complete < 100, m.title
            assert m.current_start <= DEMO_TODAY
    assert {m.status for m in milestones} == {"planned", "in_progress", "done", "cancelled"}
    assert any(m.slip_days > 0 for m in milestones) and any(m.slip_days < 0 for m in milestones)
    points = [m for m in milestones if m.is_point]
    assert any(m.workshop is not None and m.current_start == date(2026, 7, 29) for m in points)
    # Late by the Redmine rule or past its end unfinished, at the demo's today.
    late = [
        m
        for m in milestones
        if m.status in ("planned", "in_progress")
        and (
            m.current_end < DEMO_TODAY
            or (DEMO_TODAY - m.current_start).days
            > (m.current_end - m.current_start).days * m.percent_complete / 100 + 1
        )
    ]
    assert 2 <= len(late) <= 6


def test_dependencies_respected(demo):
    for link in all_of(MilestoneDependency):
        earliest = link.predecessor.current_end + timedelta(days=link.lag_days)
        assert link.successor.current_start >= earliest, str(link)


def test_workshop_and_outcomes(demo):
    workshop = db.session.scalars(select(Workshop)).one()
    assert (workshop.start_date, workshop.end_date) == (date(2026, 7, 29), date(2026, 7, 30))
    total = sum(p.count for p in workshop.participation)
    women = sum(p.count for p in workshop.participation if p.sex == "female")
    assert 60 <= total <= 80 and 0.25 <= women / total <= 0.35
    assert {"MLI", "NER", "MRT", "BFA", "TCD"} <= {p.country for p in workshop.participation}
    assert {o.status for o in workshop.outcomes} == {
        "not_started",
        "in_progress",
        "constrained",
        "completed",
        "discontinued",
    }
    for outcome in workshop.outcomes:
        assert 1 <= len(outcome.milestones) <= 2
        if outcome.notes:
            assert outcome.notes[0].status == outcome.status  # newest first
        for note in outcome.notes:
            assert workshop.end_date < note.date <= DEMO_TODAY


def test_demo_passwords_in_testing(app):
    with app.app_context():
        created, accounts = load_demo(DEMO_START)
        assert created
        check_accounts(accounts)


def check_accounts(accounts):
    for email, password, role in accounts:
        assert email.endswith("@roadmap.example") and role in ("admin", "manager", "viewer")
        assert password_problem(password) is None
        user = db.session.scalar(select(User).where(User.email == email))
        assert user.check_password(password)
    assert db.session.scalar(select(User.language).where(User.email.like("responsable@%"))) == "fr"


def test_random_passwords_outside_development(app):
    app.config["ENV_NAME"] = "production"
    with app.app_context():
        _, accounts = load_demo(DEMO_START)
    passwords = [password for _, password, _ in accounts]
    assert not any(password.startswith("demo-") for password in passwords)
    assert all(len(password) >= 16 for password in passwords)


def test_existing_user_left_alone(app):
    with app.app_context():
        user = factories.user(
            email="manager@roadmap.example", name="Kept", password="kept-password-2026"
        )
        db.session.commit()
        created, accounts = load_demo(DEMO_START)
        assert created
        assert ("manager@roadmap.example", "(unchanged)", "viewer") in accounts
        db.session.refresh(user)
        assert user.name == "Kept" and user.check_password("kept-password-2026")


def test_start_shifts_every_date(app):
    start = date(2026, 5, 1)
    delta = start - DEMO_START
    with app.app_context():
        load_demo(start)
        project = db.session.scalars(select(Project)).one()
        assert (project.start_date, project.end_date) == (start, date(2027, 4, 30))
        workshop = db.session.scalars(select(Workshop)).one()
        assert workshop.start_date == date(2026, 7, 29) + delta
        linked = select(Milestone).where(Milestone.workshop_id.is_not(None))
        point = db.session.scalars(linked).one()
        assert point.current_start == date(2026, 7, 29) + delta
        first_update = db.session.scalar(select(func.min(PostUpdate.date)))
        assert first_update == date(2026, 3, 4) + delta
        last_note = db.session.scalar(select(func.max(OutcomeNote.date)))
        assert last_note == date(2026, 8, 13) + delta


def test_command_loads_then_leaves_alone(runner):
    first = runner.invoke(args=["seed-demo"])
    assert "Loaded the demo project starting 2026-03-01" in first.output
    assert "manager@roadmap.example / demo-manager-2026 / manager" in first.output
    second = runner.invoke(args=["seed-demo", "--start", "2026-04-01"])
    assert "already loaded" in second.output and "(unchanged)" in second.output


def test_project_end_handles_leap_day():
    assert project_end(date(2028, 2, 29)) == date(2029, 2, 28)
    assert project_end(date(2026, 1, 1)) == date(2026, 12, 31)


def test_failed_load_writes_nothing(app, monkeypatch):
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(seed, "_outcomes", broken)
    with app.app_context():
        before = counts()
        with pytest.raises(RuntimeError):
            load_demo(DEMO_START)
        assert counts() == before


def test_reports_of_past_months_tell_the_progress_of_their_month(app):
    from roadmap.reports.issuing import build_report

    with app.test_request_context():
        load_demo(DEMO_START)
        march = build_report("2026-03", DEMO_TODAY)["figures"]["work_complete"]
        july = build_report("2026-07", DEMO_TODAY)["figures"]["work_complete"]
        august = build_report("2026-08", DEMO_TODAY)
    assert march < 15
    assert march < july < august["figures"]["work_complete"]
    actual = [value for value in august["scurve"]["actual"] if value is not None]
    assert len(actual) == 6  # March to August
    assert actual == sorted(actual)
    assert actual[-1] == august["figures"]["work_complete"]


def test_milestone_history_rebuilds_each_month_end(demo):
    from roadmap import history
    from roadmap.months import Month
    from roadmap.reports import loading
    from roadmap.reports.snapshot import rebuild

    rows, entries = loading.current_rows(), loading.history_entries()
    milestones = {ms.id: ms for ms in all_of(Milestone)}
    for month in ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07"):
        state = rebuild(rows, entries, Month(month).end_instant)["milestone"]
        for key, milestone in milestones.items():
            expected = dated_history.milestone_then(milestone, Month(month).end)
            assert {name: state[key][name] for name in dated_history.PROGRESS_FIELDS} == expected
    # Before the first month end, work had not begun; the history leads to today's values.
    start = rebuild(rows, entries, Month("2026-03").start_instant + timedelta(hours=9))
    assert {row["status"] for row in start["milestone"].values()} <= {"planned", "cancelled"}
    # Each milestone's latest update leads to the values it has now.
    for key, milestone in milestones.items():
        updates = sorted(
            (
                e
                for e in entries
                if e["entity"] == "milestone" and e["entity_id"] == key and e["action"] == "update"
            ),
            key=lambda e: (e["at"], e["id"]),
        )
        for name, (_old, new) in (updates[-1]["changes"] if updates else {}).items():
            assert new == history.plain(getattr(milestone, name)), (milestone.title, name)


@pytest.mark.parametrize(
    ("day", "status", "percent"),
    [
        (date(2026, 4, 30), "planned", 0),  # before its actual start (1 June)
        (date(2026, 6, 30), "in_progress", 60),  # 30 of 50 days
        (date(2026, 7, 14), "in_progress", 88),  # 44 of 50 days
        (date(2026, 7, 20), "done", 100),  # finished on 20 July
    ],
)
def test_milestone_then_is_linear_between_start_and_finish(day, status, percent):
    milestone = Milestone(
        status="done",
        percent_complete=100,
        current_start=date(2026, 6, 1),
        current_end=date(2026, 7, 20),
        actual_start=date(2026, 6, 1),
        actual_finish=date(2026, 7, 20),
    )
    then = dated_history.milestone_then(milestone, day)
    assert (then["status"], then["percent_complete"]) == (status, percent)


def test_milestone_then_never_passes_the_final_percent():
    milestone = Milestone(
        status="in_progress",
        percent_complete=20,
        current_start=date(2026, 6, 1),
        current_end=date(2026, 6, 30),
        actual_start=date(2026, 6, 1),
    )
    then = dated_history.milestone_then
    assert then(milestone, date(2026, 6, 29))["percent_complete"] == 20
    assert then(milestone, date(2026, 6, 3))["percent_complete"] == 10  # 3 days of 30


def test_the_workshop_and_its_follow_up_appear_in_the_months_they_happened(app):
    from roadmap.reports.issuing import build_report
    from roadmap.workshops.models import Outcome

    with app.test_request_context():
        load_demo(DEMO_START)
        june = build_report("2026-06", DEMO_TODAY)
        july = build_report("2026-07", DEMO_TODAY)
        august = build_report("2026-08", DEMO_TODAY)
        final = {outcome.text: outcome.status for outcome in all_of(Outcome)}
        order = db.session.scalars(
            select(HistoryEntry.at)
            .where(HistoryEntry.entity != "user_account")
            .order_by(HistoryEntry.id)
        ).all()
    # The workshop closed on 30 July: June's report knows nothing of it.
    assert june["outcomes"] == []
    # July's lists its outcomes as agreed, none followed up yet (the first note is 5 August).
    assert {row["status"] for row in july["outcomes"]} == {"not_started"}
    assert len(july["outcomes"]) == len(final)
    # August's carries each outcome's status and note as of the demo's today.
    assert {row["text"]: row["status"] for row in august["outcomes"]} == final
    assert any(row["note"] for row in august["outcomes"])
    # The project's entries are numbered in time order, as changes kept day by day are.
    assert order == sorted(order)


def test_the_demo_holds_late_field_news_dated_the_day_it_happened(app):
    from roadmap.reports.issuing import build_report

    with app.test_request_context():
        load_demo(DEMO_START)
        late = [
            e
            for e in db.session.scalars(select(HistoryEntry)).all()
            if e.late and e.entity in ("post_update", "outcome_note")
        ]
        june = build_report("2026-06", DEMO_TODAY)
    assert {(e.entity, str(e.effective_on)) for e in late} >= {
        ("post_update", "2026-06-19"),
        ("post_update", "2026-08-05"),
        ("outcome_note", "2026-08-03"),
    }
    # Makalondi's update of 19 June, typed in on 2 July, is June's news.
    makalondi = next(row for row in june["posts"] if row["name"] == "Makalondi")
    assert makalondi["progress"] == 80


def test_the_august_report_shows_a_post_before_and_after(app):
    from roadmap.photos.models import Photo
    from roadmap.reports.issuing import build_report

    with app.test_request_context():
        load_demo(DEMO_START)
        pairs = build_report("2026-08", seed.DEMO_TODAY)["photos"]
        assert [(p["name"], p["before"]["stage"], p["after"]["stage"]) for p in pairs] == [
            ("Faramana", "procured", "works_in_progress")
        ]
        questioned = [photo for photo in db.session.scalars(select(Photo)) if photo.questioned]
        assert [photo.post.name for photo in questioned] == ["Koloko"]  # 22 km from its post
