"""Uploads that lie about their type are refused; what users type comes back escaped everywhere."""

import io

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from roadmap.extensions import db

from .forms import edit_form, replace

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_file_that_is_not_csv_is_refused(app, client, auth):
    from roadmap.posts.models import BorderPost

    auth.login()
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(BorderPost))
    for name, content in (
        ("posts.csv", PNG),
        ("posts.csv", b"PK\x03\x04" + b"\x00" * 50),
        ("posts.csv", "name;country\n".encode("utf-16")),
    ):
        fields = (
            edit_form(client.get("/posts/import").get_data(as_text=True), marker="csrf_token")
            if app.config["WTF_CSRF_ENABLED"]
            else []
        )
        response = client.post(
            "/posts/import",
            data=MultiDict(fields + [("file", (io.BytesIO(content), name))]),
            content_type="multipart/form-data",
        )
        assert response.status_code == 422, response.status_code
        page = response.get_data(as_text=True)
        assert any(reason in page for reason in REFUSALS), page[:500]
        response.close()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BorderPost)) == before


# What the import page says about each kind of file that is not a CSV.
REFUSALS = (
    "This is not a text file",
    "This is a spreadsheet workbook, not a CSV file",
    "This workbook cannot be read",  # the import takes XLSX too: a broken one is said so
    "Required columns are missing",
)


def pages(app):
    """Return every GET page and export without arguments or with the demo's ids."""
    from tests.security.test_csrf_and_safe_methods import sample_ids, url_for_rule

    with app.app_context():
        ids = sample_ids()
        db.session.remove()
    return sorted(
        {
            url_for_rule(rule, ids)
            for rule in app.url_map.iter_rules()
            if "GET" in rule.methods
            and rule.endpoint != "static"
            and not rule.rule.endswith((".pdf", ".xlsx"))
        }
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_fields_come_back_escaped(app, client, auth, payload):
    from roadmap.demo.seed import DEMO_START, load_demo
    from tests.reliability.test_lost_updates import editable_records

    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    with app.app_context():
        load_demo(DEMO_START)
        records = editable_records()
    auth.login("admin")
    # Every text field of every edit form gets the payload.
    for _name, url, _model, _id, _field in records:
        fields = edit_form(client.get(url).get_data(as_text=True))
        texts = {
            key: payload + " " + key
            for key, value in fields
            if key not in ("version", "csrf_token")
            and not value.replace("-", "").replace(".", "").isdigit()
            and key
            not in (
                "country",
                "neighbour_country",
                "kind",
                "priority",
                "status",
                "stage",
                "language",
                "role",
                "currency",
                "outcome_kind",
                "workstream_id",
                "post_id",
                "workshop_id",
                "milestones",
                "countries",
                "iati_identifier",
                "code",
            )
        }
        response = client.post(url, data=MultiDict(replace(fields, **texts)))
        assert response.status_code < 500
    leaks, shown = [], 0
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for page in pages(app):
        response = client.get(page)
        kind = response.mimetype
        if kind.startswith("image/") and kind != "image/svg+xml":
            response.close()  # a photo, re-encoded from pixels: no text of ours in it
            continue
        body = response.get_data(as_text=True)
        response.close()
        shown += escaped in body or escaped.replace('"', "&#34;") in body
        if kind == "application/json":
            # JSON is data, not markup: served as application/json with nosniff, it is never run.
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            continue
        if payload.startswith("javascript:"):
            if f'href="{payload}' in body or f'src="{payload}' in body:
                leaks.append(page)
        elif payload in body and (kind.endswith(("html", "xml", "svg+xml")) or "<" not in payload):
            leaks.append((page, kind))
    assert not leaks
    assert shown >= 5  # the payloads were saved and are shown, escaped
    for export in ("/reports/2026-07.xlsx", "/posts.csv"):
        response = client.get(export)
        assert response.status_code == 200
        response.close()
