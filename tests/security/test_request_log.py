"""One JSON line per request: request id, user id, method, path, status, duration in ms."""

import json
import logging

KEYS = {"time", "request_id", "user_id", "method", "path", "status", "duration_ms", "address"}


def request_lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "roadmap.requests"]


def test_each_request_writes_one_json_line_naming_its_user(app, client, auth, caplog):
    caplog.set_level(logging.INFO, logger="roadmap.requests")
    auth.login("manager")
    response = client.get("/milestones?status=late", environ_base={"REMOTE_ADDR": "192.0.2.5"})
    client.get("/no-such-page")
    login, page, missing = request_lines(caplog)
    manager_id = login["user_id"]
    assert set(page) == KEYS
    assert (login["method"], login["path"], login["status"]) == ("POST", "/login", 302)
    assert page["user_id"] == manager_id and manager_id is not None
    assert (page["method"], page["path"], page["status"]) == ("GET", "/milestones", 200)
    assert page["request_id"] == response.headers["X-Request-Id"]
    assert page["address"] == "192.0.2.5"
    assert isinstance(page["duration_ms"], float) and page["duration_ms"] >= 0
    assert missing["status"] == 404


def test_a_visitor_has_no_user_and_the_query_is_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="roadmap.requests")
    client.get("/calendar.ics?token=secret-feed-token")
    (line,) = request_lines(caplog)
    assert line["user_id"] is None and line["path"] == "/calendar.ics"
    assert "secret-feed-token" not in caplog.text


def test_a_failing_request_logs_its_500_with_the_id_the_page_shows(app_with_boom, client, caplog):
    caplog.set_level(logging.INFO, logger="roadmap")
    response = client.get("/_test/boom")
    (line,) = request_lines(caplog)
    assert line["status"] == 500
    assert line["request_id"] == response.headers["X-Request-Id"]
    assert line["request_id"] in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True) and "Traceback" in caplog.text
