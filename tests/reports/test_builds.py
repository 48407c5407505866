"""Report files are built by the worker: 202 and the build's progress until the file is ready."""

import io
import re
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from roadmap import jobs
from roadmap.clock import now_utc
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.reports import issuing
from roadmap.reports.frozen import freeze, thaw
from roadmap.reports.models import ReportBuild, ReportFile, ReportVersion
from tests import factories

from .conftest import at


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def queued(app):
    """Keep jobs on the (memory) queue until the test runs them, as a worker would."""
    app.config["ROADMAP_QUEUE_IMMEDIATE"] = False
    return app


def run_jobs(app) -> int:
    """Run every job waiting on the queue, as the worker does; return how many ran."""
    with app.app_context():
        huey = jobs.current_queue().huey
        ran = 0
        while (task := huey.dequeue()) is not None:
            huey.execute(task)
            ran += 1
        return ran


def only_build(app) -> ReportBuild:
    with app.app_context():
        return db.session.scalars(select(ReportBuild)).one()


def test_a_download_answers_202_until_the_worker_has_built_the_file(
    app, client, auth, project, queued
):
    auth.login("viewer")
    first = client.get("/reports/2026-07.pdf")
    assert first.status_code == 202
    page = first.get_data(as_text=True)
    assert 'data-state="queued"' in page and "Queued" in page
    build = only_build(app)
    assert f'http-equiv="refresh" content="2; url=/reports/builds/{build.id}"' in page
    assert first.headers["Retry-After"] == "2"
    # A second request finds the same build: the file is queued once.
    assert client.get("/reports/2026-07.pdf").status_code == 202
    with app.app_context():
        assert db.session.scalar(select(func.count(ReportBuild.id))) == 1
    assert run_jobs(app) == 1
    ready = client.get("/reports/2026-07.pdf")
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    assert ready.headers["Content-Disposition"].endswith('-draft-en.pdf"')
    assert ready.headers["X-Content-Type-Options"] == "nosniff"
    assert "Mapping report validated" in pdf_text(ready.data)
    status = client.get(f"/reports/builds/{build.id}").get_data(as_text=True)
    assert 'data-state="ready"' in status
    assert 'content="0; url=/reports/2026-07.pdf?version=draft&amp;lang=en"' in status
    assert run_jobs(app) == 0


def test_a_changed_project_builds_a_new_draft(app, client, auth, project, queued, edit_in_august):
    auth.login("viewer")
    client.get("/reports/2026-08.xlsx")
    run_jobs(app)
    assert client.get("/reports/2026-08.xlsx").status_code == 200
    edit_in_august()
    assert client.get("/reports/2026-08.xlsx").status_code == 202  # new data, new file
    run_jobs(app)
    assert client.get("/reports/2026-08.xlsx").status_code == 200
    with app.app_context():  # the out-of-date draft is dropped once its successor is built
        assert db.session.scalar(select(func.count(ReportBuild.id))) == 1


def test_the_building_state_and_a_hanging_build_may_be_retried(app, client, auth, project, queued):
    auth.login("viewer")
    client.get("/reports/2026-07.pdf?lang=fr")
    build = only_build(app)
    with app.app_context():
        row = db.session.get(ReportBuild, build.id)
        row.state, row.started_at = "building", now_utc()
        db.session.commit()
    page = client.get(f"/reports/builds/{build.id}").get_data(as_text=True)
    assert 'data-state="building"' in page and "Try again" not in page
    with app.app_context():
        row = db.session.get(ReportBuild, build.id)
        row.started_at = now_utc() - timedelta(hours=1)  # its worker died
        db.session.commit()
    page = client.get(f"/reports/builds/{build.id}").get_data(as_text=True)
    assert "Try again" in page and "longer than expected" in page
    assert client.post(f"/reports/builds/{build.id}/retry").status_code == 303
    run_jobs(app)
    assert client.get("/reports/2026-07.pdf?lang=fr").status_code == 200


def test_a_failed_build_shows_its_error_and_a_retry_builds_it(
    app, client, auth, project, queued, monkeypatch
):
    auth.login("viewer")
    app.config["WTF_CSRF_ENABLED"] = True  # the retry button is a form like any other
    client.get("/reports/2026-07.xlsx")

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(issuing, "render", broken)
    run_jobs(app)
    failed = client.get("/reports/2026-07.xlsx")
    assert failed.status_code == 202
    page = failed.get_data(as_text=True)
    assert 'data-state="failed"' in page and "RuntimeError: the disk is full" in page
    assert "http-equiv" not in page  # a failed build waits for a person, it does not refresh
    build = only_build(app)
    retry = f"/reports/builds/{build.id}/retry"
    assert client.post(retry).status_code == 400  # no CSRF token
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    monkeypatch.undo()
    assert client.post(retry, data={"csrf_token": token}).status_code == 303
    assert only_build(app).state == "queued"
    run_jobs(app)
    assert client.get("/reports/2026-07.xlsx").status_code == 200
    # A ready build is not built again.
    refused = client.post(retry, data={"csrf_token": token}, follow_redirects=True)
    assert "nothing to retry" in refused.get_data(as_text=True)
    assert only_build(app).attempts == 2


def test_anonymous_users_see_no_file_progress_or_retry(app, client, project, queued):
    with app.app_context():
        day = date(2026, 8, 15)
        db.session.add(
            ReportBuild(key="k", month="2026-07", format="pdf", language="en", today=day)
        )
        db.session.commit()
        build_id = db.session.scalar(select(ReportBuild.id))
    for response in (
        client.get("/reports/2026-07.pdf"),
        client.get(f"/reports/builds/{build_id}"),
        client.post(f"/reports/builds/{build_id}/retry"),
    ):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/reports/builds/999").status_code == 302


def test_the_viewer_may_retry_but_not_issue(app, client, auth, project, queued):
    auth.login("viewer")
    assert client.post("/reports/2026-07/issue", data={"reason": ""}).status_code == 403
    assert client.get("/reports/builds/999").status_code == 404


def test_issuing_answers_at_once_and_its_files_keep_what_was_known_then(
    app, client, auth, project, queued
):
    with at("2026-08-16"):  # a login lasts 8 hours: log in on the day of each step
        auth.login("manager")
        assert client.post("/reports/2026-07/issue", data={"reason": ""}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(ReportFile.id))) == 0
        assert db.session.scalar(select(func.count(ReportBuild.id))) == 4
    # Late news about July, entered after the issue and before the files are built.
    with app.app_context(), at("2026-08-20"):
        post = db.session.scalars(select(BorderPost)).one()
        post.stage = "procured"
        factories.post_update(post, date=date(2026, 7, 25), comment="Late news from the post")
        db.session.commit()
    assert run_jobs(app) == 4
    with at("2026-08-20"):
        auth.login("manager")
        issued = client.get("/reports/2026-07.pdf")
        assert issued.headers["Content-Disposition"].endswith('-v1-en.pdf"')
        assert "Late news from the post" not in pdf_text(issued.data)
        assert client.get("/reports/2026-07.pdf?version=draft").status_code == 202
        run_jobs(app)
        draft = client.get("/reports/2026-07.pdf?version=draft")
        assert "Late news from the post" in pdf_text(draft.data)


def test_the_frozen_content_comes_back_as_it_was(app, project):
    with app.test_request_context():
        report = issuing.build_report("2026-07", date(2026, 8, 15))
    assert thaw(freeze(report)) == report
    assert thaw(freeze({1: (date(2026, 1, 2), "$x")})) == {1: (date(2026, 1, 2), "$x")}
    with pytest.raises(TypeError):
        freeze({"a": object()})


def test_the_worker_command_refuses_a_queue_it_cannot_serve(runner):
    result = runner.invoke(args=["worker"])
    assert result.exit_code == 1 and "in-process" in result.output


def test_a_periodic_job_is_registered_with_its_schedule(app):
    from huey import crontab

    registry = jobs.Registry()

    @registry.periodic(crontab(day_of_week="1", hour="6", minute="0"))
    def weekly():
        return "sent"

    huey = jobs.make_huey({"ROADMAP_QUEUE_URL": "memory://"}, app.instance_path)
    tasks = jobs.register_jobs(huey, app, registry)
    assert list(tasks) == [jobs.name_of(weekly)]
    periodic = huey.read_periodic(datetime(2026, 8, 17, 6, 0))
    assert [p.name for p in periodic] == ["weekly"]
    assert huey.read_periodic(datetime(2026, 8, 18, 6, 0)) == []


def test_the_command_line_writes_an_issued_file_not_built_yet(app, runner, project, tmp_path):
    from roadmap.auth.models import User
    from roadmap.reports import commands

    with app.test_request_context():
        manager = db.session.scalar(select(User).where(User.email == "manager@example.org"))
        commands.issue_report("2026-07", by=manager, today=date(2026, 8, 15))
        db.session.commit()
    target = tmp_path / "july.pdf"
    result = runner.invoke(args=["report", "2026-07", "--output", str(target), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "version 1" in pdf_text(target.read_bytes()).lower()  # written now, from the version


# A port nothing listens on: the connection is refused at once.
DOWN = "redis://127.0.0.1:1/0"


def test_a_queue_that_cannot_be_reached_fails_the_build_with_its_reason(
    app, client, auth, project, queued
):
    app.config["ROADMAP_QUEUE_URL"] = DOWN
    auth.login("viewer")
    answer = client.get("/reports/2026-07.xlsx")
    assert answer.status_code == 202  # not a 500: the page says why and offers a retry
    page = answer.get_data(as_text=True)
    assert 'data-state="failed"' in page
    assert "The job queue (redis://127.0.0.1:1/0) cannot be reached" in page
    assert "/retry" in page
    build = only_build(app)
    assert build.state == "failed"
    # Once the queue is back, the retry queues the build and the worker builds it.
    app.config["ROADMAP_QUEUE_URL"] = "memory://"
    app.extensions.pop(jobs.EXTENSION)
    jobs.init_app(app)
    assert client.post(f"/reports/builds/{build.id}/retry").status_code == 303
    assert only_build(app).state == "queued"
    run_jobs(app)
    assert client.get("/reports/2026-07.xlsx").status_code == 200


def test_flask_check_names_a_queue_it_cannot_reach(app, tmp_path):
    assert jobs.queue_problems({"ROADMAP_QUEUE_URL": "memory://"}, app.instance_path) == []
    good = {"ROADMAP_QUEUE_URL": f"sqlite:///{tmp_path}/queue.sqlite"}
    assert jobs.queue_problems(good, app.instance_path) == []
    (problem,) = jobs.queue_problems({"ROADMAP_QUEUE_URL": DOWN}, app.instance_path)
    assert problem.startswith("The job queue (redis://127.0.0.1:1/0) cannot be reached: ")
    assert problem.endswith("report files cannot be built.")
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    (problem,) = jobs.queue_problems(
        {"ROADMAP_QUEUE_URL": f"sqlite:///{blocked}/queue.sqlite"}, app.instance_path
    )
    assert "cannot be reached" in problem
    (problem,) = jobs.queue_problems({"ROADMAP_QUEUE_URL": "amqp://rabbit"}, app.instance_path)
    assert problem.startswith("ROADMAP_QUEUE_URL must be redis://")


def test_flask_check_reports_the_queue(app, runner):
    app.config.update(ROADMAP_QUEUE_URL=DOWN, ROADMAP_QUEUE_IMMEDIATE=False)
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "problem: The job queue (redis://127.0.0.1:1/0) cannot be reached" in result.output


def test_a_correction_is_issued_with_its_reason_in_both_languages(
    app, client, auth, project, queued
):
    with at("2026-08-16"):
        auth.login("manager")
        assert client.post("/reports/2026-07/issue", data={"reason": ""}).status_code == 302
        page = client.get("/reports/2026-07").get_data(as_text=True)
        assert "Reason for the correction (French)" in page
        sent = client.post(
            "/reports/2026-07/issue",
            data={"reason": "A late count", "reason_fr": "Un comptage tardif"},
        )
        assert sent.status_code == 302
        listed = client.get("/reports/2026-07?lang=fr").get_data(as_text=True)
        assert "Un comptage tardif" in listed and "A late count" not in listed
    with app.app_context():
        version = db.session.scalars(select(ReportVersion).filter_by(number=2)).one()
        assert (version.reason, version.reason_fr) == ("A late count", "Un comptage tardif")
