"""Fuzzing: arbitrary text, numbers, dates and bytes in the forms never give a 500."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from roadmap.extensions import db

from .forms import edit_form, replace

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
number = st.one_of(
    st.integers(-(10**12), 10**12).map(str), st.floats(allow_nan=True).map(str), text
)
day = st.one_of(st.dates().map(lambda d: d.isoformat()), text)


@pytest.fixture
def fuzz_client(app, client, auth):
    from roadmap.demo.seed import DEMO_START, load_demo

    with app.app_context():
        load_demo(DEMO_START)
    auth.login()
    return client


def invariants_hold(app):
    from roadmap.posts.models import BorderPost
    from roadmap.schedule.models import Milestone

    with app.app_context():
        for milestone in db.session.scalars(select(Milestone)):
            assert 0 <= milestone.percent_complete <= 100
            assert milestone.current_end >= milestone.current_start
        for post in db.session.scalars(select(BorderPost)):
            assert post.progress is None or 0 <= post.progress <= 100
        db.session.remove()


@FUZZ
@given(title=text, percent=number, start=day, end=day, description=text)
def test_milestone_form(app, fuzz_client, title, percent, start, end, description):
    url = "/milestones/new"
    fields = edit_form(fuzz_client.get(url).get_data(as_text=True), marker="title")
    data = replace(
        fields,
        title=title,
        percent_complete=percent,
        current_start=start,
        current_end=end,
        description=description,
    )
    response = fuzz_client.post(url, data=MultiDict(data))
    assert response.status_code < 500
    invariants_hold(app)


@FUZZ
@given(counts=st.lists(number, min_size=1, max_size=8))
def test_participation_form(app, fuzz_client, counts):
    from roadmap.workshops.models import Workshop

    with app.app_context():
        workshop_id = db.session.scalar(select(func.min(Workshop.id)))
    url = f"/workshops/{workshop_id}/participation"
    fields = edit_form(fuzz_client.get(url).get_data(as_text=True), marker="version")
    cells = [name for name, _ in fields if name not in ("version", "base", "csrf_token", "country")]
    data = replace(fields, **dict(zip(cells, counts, strict=False)))
    response = fuzz_client.post(url, data=MultiDict(data))
    assert response.status_code < 500


@FUZZ
@given(
    body=st.one_of(st.binary(max_size=2000), text.map(lambda t: t.encode("utf-8"))),
    rows=st.lists(
        st.tuples(text, st.sampled_from(["NER", "MLI", "xx", ""]), number, number, number),
        max_size=5,
    ),
)
def test_post_import(app, fuzz_client, body, rows):
    from roadmap.posts.models import BorderPost

    csv_text = "name,country,latitude,longitude,progress\n" + "\n".join(
        ",".join(cell.replace(",", " ").replace("\n", " ") for cell in row) for row in rows
    )
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(BorderPost))
    for content in (body, csv_text.encode("utf-8")):
        with io.BytesIO(content) as upload:
            response = fuzz_client.post(
                "/posts/import",
                data={"file": (upload, "posts.csv")},
                content_type="multipart/form-data",
            )
        assert response.status_code < 500
        response.close()
        with app.app_context():
            after = db.session.scalar(select(func.count()).select_from(BorderPost))
        # All rows or none: a file with any bad row imports nothing.
        assert after == before or (
            response.status_code in (200, 302, 303) and after - before == len(rows)
        )
        before = after
    invariants_hold(app)
