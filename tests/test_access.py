"""Every route in app.url_map follows the access rules, so a new one cannot slip through."""

import pytest
from werkzeug.routing import Rule

# Rules reachable without logging in.
PUBLIC = {"auth.login", "ops.healthz", "static", "api.calendar", "api.calendar_feed"}
# POST routes any logged-in user may use on their own behalf.
VIEWER_MAY_POST = {
    "auth.logout",
    "auth.account",
    "auth.change_password",
    "i18n.set_language",
    "api.token_create",
    "api.token_revoke",
    "api.calendar_token_regenerate",
    "reports.retry_build",  # whoever may download a report file may ask for it again
}
ARGUMENT_VALUES = {"int": "1", "default": "x"}


def build_path(rule: Rule) -> str:
    """Return a concrete path for a rule, with placeholder arguments."""
    values = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__.lower()
        if name == "month":
            values[name] = "2026-07"
        elif "int" in kind:
            values[name] = 1
        else:
            values[name] = "x"
    path = rule.build(values, append_unknown=False)[1]
    return path


def rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def unsafe_methods(rule):
    return sorted(rule.methods - {"GET", "HEAD", "OPTIONS"})


def test_every_rule_requires_login(app, client):
    for rule in rules(app):
        if rule.endpoint in PUBLIC or getattr(
            app.view_functions[rule.endpoint], "access_public", False
        ):
            continue
        path = build_path(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method)
            assert response.status_code in (302, 401), (method, path, response.status_code)
            if response.status_code == 302:
                assert "/login" in response.headers["Location"], (method, path)


def test_viewer_cannot_change_anything(app, client, auth):
    auth.login("viewer")
    for rule in rules(app):
        view = app.view_functions[rule.endpoint]
        if getattr(view, "access_public", False) or rule.endpoint in VIEWER_MAY_POST:
            continue
        path = build_path(rule)
        for method in unsafe_methods(rule):
            response = client.open(path, method=method, data={})
            assert response.status_code == 403, (method, path, response.status_code)
        if "GET" in rule.methods and getattr(view, "access_editor_only", False):
            assert client.get(path).status_code == 403, path


def test_viewer_cannot_reach_administration(client, auth):
    auth.login("viewer")
    assert client.get("/users").status_code == 403
    assert client.get("/users/new").status_code == 403


def test_manager_is_never_refused_outside_administration(app, client, auth):
    auth.login("manager")
    for rule in rules(app):
        view = app.view_functions[rule.endpoint]
        if getattr(view, "access_admin_only", False) or rule.endpoint == "auth.logout":
            continue
        if "GET" not in rule.methods:
            continue
        response = client.get(build_path(rule))
        # Placeholder ids may not exist (404) but the role is never the reason for a refusal.
        assert response.status_code not in (401, 403, 500), (rule.rule, response.status_code)


def test_admin_reaches_accounts(client, auth):
    auth.login("admin")
    assert client.get("/users").status_code == 200
    assert client.get("/users/new").status_code == 200


def test_logout_needs_post(client, auth):
    auth.login("viewer")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("path", ["/login", "/healthz"])
def test_public_pages(client, path):
    assert client.get(path).status_code == 200
