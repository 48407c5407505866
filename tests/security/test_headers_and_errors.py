"""ASVS 3/14/16: security headers everywhere; errors show a request id, never a traceback."""

import logging
import re

from .conftest import SECRET, check_security_headers


def test_headers_on_every_kind_of_response(app_with_boom, client, auth):
    anonymous = {
        "login page": client.get("/login"),
        "redirect to login": client.get("/"),
        "not found": client.get("/no/such/page"),
        "static file": client.get("/static/vendor/bootstrap/bootstrap.min.css"),
        "health": client.get("/healthz"),
        "server error": client.get("/_test/boom"),
        "api error": client.get("/api/v1/_test/boom"),
        "too large": client.post("/login", data={"email": "x" * (6 * 1024 * 1024)}),
    }
    auth.login("viewer")
    logged_in = {
        "dashboard": client.get("/"),
        "forbidden": client.get("/users"),
        "method not allowed": client.get("/logout"),
    }
    for where, response in {**anonymous, **logged_in}.items():
        check_security_headers(response, where)
        response.close()
    assert anonymous["server error"].status_code == 500
    assert anonymous["too large"].status_code == 413
    assert logged_in["forbidden"].status_code == 403


def test_hsts_over_https(client):
    response = client.get("/login", base_url="https://localhost")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert (
        int(re.search(r"max-age=(\d+)", response.headers["Strict-Transport-Security"]).group(1))
        >= 31536000
    )


def test_pages_are_not_cached(client, auth):
    auth.login()
    assert "no-store" in client.get("/milestones").headers["Cache-Control"]
    # Expensive pages may be kept by the browser alone, which asks again every time (a 304).
    assert client.get("/").headers["Cache-Control"] == "private, no-cache"


def test_forced_exception_gives_500_with_request_id_and_logs_it(app_with_boom, client, caplog):
    caplog.set_level(logging.ERROR, logger="roadmap")
    response = client.get("/_test/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    request_id = response.headers["X-Request-Id"]
    assert request_id in body
    assert SECRET not in body and "Traceback" not in body and "RuntimeError" not in body
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged, "the request id is not in the log"
    assert logged[0].exc_info and SECRET in caplog.text and "Traceback" in caplog.text


def test_api_error_is_json_with_request_id(app_with_boom, client, caplog):
    response = client.get("/api/v1/_test/boom")
    assert response.status_code == 500
    assert response.json["request_id"] == response.headers["X-Request-Id"]
    assert SECRET not in response.get_data(as_text=True)


def test_upload_over_the_limit_gets_413_naming_the_limit(app, client, auth):
    assert app.config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024
    auth.login()
    response = client.post(
        "/account",
        data={
            "name": "x",
            "file": (__import__("io").BytesIO(b"0" * (5 * 1024 * 1024 + 1)), "big.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "5 MiB" in response.get_data(as_text=True)
    response.close()
