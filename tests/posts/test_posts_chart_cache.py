"""The register's progress chart is built once per data version and filters."""

import json
import re

from roadmap.extensions import db
from roadmap.posts.models import BorderPost


def chart(page: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="posts-progress-data">(.*?)</script>', page, re.S
    )
    return json.loads(found.group(1))


def counts(figure: dict) -> dict:
    """Return {stage label: posts per country} of the stacked bars."""
    return {trace["name"]: trace["y"] for trace in figure["data"] if trace["type"] == "bar"}


def test_the_chart_follows_filters_and_changes(client, auth, app, make_post):
    gaya = make_post(name="Gaya")
    make_post(
        name="Diboli", country="MLI", latitude=14.47, longitude=-12.19, stage="assessed", progress=0
    )
    auth.login("viewer")
    whole = chart(client.get("/posts").get_data(as_text=True))
    assert whole == chart(client.get("/posts?sort=name&dir=desc").get_data(as_text=True))
    assert len(counts(whole)) == 7
    mali = chart(client.get("/posts?country=MLI").get_data(as_text=True))
    assert mali != whole and mali["data"][0]["x"] == ["Mali"]
    with app.app_context():
        db.session.get(BorderPost, gaya).stage = "completed"
        db.session.commit()
    changed = chart(client.get("/posts").get_data(as_text=True))
    assert counts(changed) != counts(whole)
