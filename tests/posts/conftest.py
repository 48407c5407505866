"""Posts saved for the post tests: Gaya, on the Niger at the border with Benin, by default."""

from datetime import date

import pytest

from roadmap.extensions import db
from tests import factories

GAYA = dict(
    name="Gaya",
    country="NER",
    neighbour_country="BEN",
    kind="river",
    latitude=11.88,
    longitude=3.45,
    priority="high",
    stage="works_in_progress",
    progress=40,
    contractor="Niger Fleuve Construction",
)


@pytest.fixture
def make_post(app):
    """Return a function that saves a post with its first dated update and returns its id."""

    def make(**values):
        with app.app_context():
            post = factories.border_post(**{**GAYA, **values})
            factories.post_update(post, date=date(2026, 6, 1), comment="Start")
            db.session.commit()
            return post.id

    return make
