"""A small factory for border posts with their first dated update."""

from datetime import date

import pytest

from roadmap.extensions import db
from roadmap.posts.models import BorderPost, PostUpdate


@pytest.fixture
def make_post(app):
    """Return a function that stores a post (Niger by default) and returns its id."""

    def make(**values):
        fields = dict(
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
        fields.update(values)
        with app.app_context():
            post = BorderPost(**fields)
            post.updates.append(
                PostUpdate(
                    date=date(2026, 6, 1), stage=post.stage, progress=post.progress, comment="Start"
                )
            )
            db.session.add(post)
            db.session.commit()
            return post.id

    return make
