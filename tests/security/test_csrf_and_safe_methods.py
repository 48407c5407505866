"""ASVS 3.5: every state-changing route needs the CSRF token; no GET route changes anything."""

import time

import pytest
from sqlalchemy import func, select

from roadmap.extensions import csrf, db

from .conftest import csrf_token

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
MONTH = "2026-07"


def sample_ids():
    """Return an existing id for each kind of URL argument, or 1 when there is none."""
    from roadmap.auth.models import ApiToken, User
    from roadmap.photos.models import Photo
    from roadmap.posts.models import BorderPost
    from roadmap.schedule.models import Milestone, MilestoneDependency
    from roadmap.workshops.models import Outcome, Workshop

    ids = {}
    for name, model in {
        "milestone_id": Milestone,
        "dependency_id": MilestoneDependency,
        "post_id": BorderPost,
        "workshop_id": Workshop,
        "outcome_id": Outcome,
        "user_id": User,
        "token_id": ApiToken,
        "photo_id": Photo,
    }.items():
        ids[name] = db.session.scalar(select(func.min(model.id))) or 1
    return ids


def url_for_rule(rule, ids):
    values = {}
    for argument in rule.arguments:
        values[argument] = MONTH if argument == "month" else ids.get(argument, 1)
    return rule.build(values, append_unknown=False)[1]


def is_exempt(app, rule):
    view = app.view_functions[rule.endpoint]
    blueprint = rule.endpoint.rpartition(".")[0]
    exempt_blueprints = {getattr(bp, "name", bp) for bp in csrf._exempt_blueprints}
    return (
        f"{view.__module__}.{view.__name__}" in csrf._exempt_views or blueprint in exempt_blueprints
    )


def row_counts():
    counts = {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }
    db.session.rollback()
    return counts


@pytest.fixture
def demo_app(csrf_app):
    from roadmap.demo.seed import DEMO_START, load_demo

    csrf_app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"  # PDFs without charts: fast
    with csrf_app.app_context():
        load_demo(DEMO_START)
    return csrf_app


def logged_in_with_csrf(app, auth, role="admin"):
    client = app.test_client()
    response = auth.login_client(client, role, csrf_token=csrf_token(client, "/login"))
    assert response.status_code == 302
    return client


def test_login_itself_needs_the_token(csrf_app):
    client = csrf_app.test_client()
    response = client.post(
        "/login", data={"email": "admin@example.org", "password": "admin-pass-2026"}
    )
    assert response.status_code == 400
    assert "_user_id" not in (
        client.get_cookie("session").value if client.get_cookie("session") else ""
    )


def test_every_changing_route_refuses_a_post_without_token(demo_app, auth):
    client = logged_in_with_csrf(demo_app, auth)
    with demo_app.app_context():
        ids = sample_ids()
        before = row_counts()
    checked = []
    for rule in demo_app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & CHANGING):
            url = url_for_rule(rule, ids)
            response = client.open(url, method=method, data={"name": "x", "language": "fr"})
            if is_exempt(demo_app, rule):
                # Token-authenticated API: a browser's cookie alone must not be enough.
                assert response.status_code in (400, 401, 403), (method, url, response.status_code)
            else:
                assert response.status_code == 400, (method, url, response.status_code)
            checked.append(url)
    assert {"/logout", "/language", "/account", "/account/password"} <= set(checked)
    with demo_app.app_context():
        assert row_counts() == before
    assert client.get("/").status_code == 200  # still logged in: the refusals changed nothing


def test_no_get_route_changes_anything(demo_app, auth):
    client = logged_in_with_csrf(demo_app, auth)
    with demo_app.app_context():
        ids = sample_ids()
        before = row_counts()
        history_before = before["history_entry"]
    visited, failed, timings = 0, [], {}
    for rule in demo_app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()) or rule.endpoint == "static":
            continue
        if rule.rule.endswith(".pdf"):
            continue  # 3 s of typesetting; test_downloads fetches it, the reports tests check it
        started = time.perf_counter()
        response = client.get(url_for_rule(rule, ids))
        timings[rule.rule] = time.perf_counter() - started
        if response.status_code >= 500:
            failed.append((rule.rule, response.status_code))
        response.close()
        visited += 1
    assert visited >= 20
    assert not failed
    with demo_app.app_context():
        after = row_counts()
    assert after["history_entry"] == history_before
    # A report file built on its first download is derived from the data, kept like a cache.
    derived = ("report_build", "report_file")
    assert {t: n for t, n in after.items() if t not in derived} == {
        t: n for t, n in before.items() if t not in derived
    }
