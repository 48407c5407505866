"""The coordinate check: a post's point must lie in its country's box."""

import pytest

from roadmap.demo import data
from roadmap.posts import geo


def code(iso3):
    return iso3


@pytest.mark.parametrize("row", data.POSTS, ids=lambda row: row[0])
def test_every_demo_post_lies_in_its_country(row):
    name, country, _neighbour, _kind, lat, lon, *_rest = row
    assert geo.coordinate_problem(country, lat, lon, name=code) is None


def test_a_swapped_pair_is_named_as_such():
    # Niamey airport: latitude 13.48, longitude 2.18, typed the wrong way round.
    message = geo.coordinate_problem("NER", 2.18, 13.48, name=code)
    assert message is not None
    assert "swapped" in message
    assert "latitude 13.48, longitude 2.18" in message


def test_a_point_in_a_neighbour_names_the_neighbour(app):
    # Adrar, Algeria, entered as a post in Mali.
    with app.test_request_context():
        message = geo.coordinate_problem("MLI", 27.87, -0.29)
    assert "This point is in Algeria, not Mali" in message


def test_a_point_nowhere_near_says_where_the_country_is():
    message = geo.coordinate_problem("BFA", -30.0, 100.0, name=code)
    assert "outside BFA" in message


def test_out_of_range_coordinates():
    assert "Latitude" in geo.coordinate_problem("MLI", 95.0, 0.0, name=code)
    assert "Longitude" in geo.coordinate_problem("MLI", 12.0, 190.0, name=code)


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (9.0, 1.1, "TGO"),  # Sokodé: inside Ghana's box too, Togo's is smaller
        (12.37, -1.52, "BFA"),  # Ouagadougou
        (6.37, 2.43, "BEN"),  # Cotonou
        (14.69, -17.44, "SEN"),  # Dakar
        (30.0, 60.0, None),
    ],
)
def test_country_at_prefers_the_smaller_box(lat, lon, expected):
    assert geo.country_at(lat, lon) == expected


def test_unknown_country_is_not_checked():
    assert geo.coordinate_problem("JPN", 35.0, 139.0, name=code) is None
