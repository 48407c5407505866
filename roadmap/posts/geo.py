"""Which country a point lies in, by bounding box, to catch swapped or mistyped coordinates.

Boxes are the countries' extents (Natural Earth, rounded outwards a little).
They overlap, so a point is first checked against its own country's box, and a
point outside it is named after the smallest box that holds it: smaller
countries sit inside the corners of their large neighbours' boxes.
"""

from flask_babel import gettext as _

from roadmap.countries import country_name

# ISO-3: (min latitude, max latitude, min longitude, max longitude)
BOXES = {
    "MLI": (10.1, 25.1, -12.3, 4.3),
    "NER": (11.6, 23.6, 0.1, 16.0),
    "MRT": (14.7, 27.3, -17.1, -4.8),
    "BFA": (9.4, 15.1, -5.6, 2.5),
    "DZA": (18.9, 37.1, -8.7, 12.0),
    "LBY": (19.5, 33.2, 9.3, 25.2),
    "TCD": (7.4, 23.5, 13.4, 24.0),
    "NGA": (4.2, 13.9, 2.6, 14.7),
    "BEN": (6.1, 12.5, 0.7, 3.9),
    "TGO": (6.0, 11.2, -0.2, 1.9),
    "GHA": (4.7, 11.2, -3.3, 1.2),
    "CIV": (4.3, 10.8, -8.6, -2.4),
    "GIN": (7.1, 12.7, -15.1, -7.6),
    "SEN": (12.3, 16.7, -17.6, -11.3),
    "ESH": (20.7, 27.7, -17.2, -8.6),
    "MAR": (27.6, 35.9, -13.2, -1.0),
}


def _area(box):
    lat_min, lat_max, lon_min, lon_max = box
    return (lat_max - lat_min) * (lon_max - lon_min)


# Smallest first, so the most specific box wins when several hold a point.
_BY_SIZE = sorted(BOXES, key=lambda code: _area(BOXES[code]))


def in_box(code: str, latitude: float, longitude: float) -> bool:
    """Tell whether the point lies inside the country's box."""
    lat_min, lat_max, lon_min, lon_max = BOXES[code]
    return lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max


def country_at(latitude: float, longitude: float) -> str | None:
    """Return the ISO-3 code of the smallest known box holding the point, or None."""
    for code in _BY_SIZE:
        if in_box(code, latitude, longitude):
            return code
    return None


def coordinate_problem(country: str, latitude: float, longitude: float, name=country_name):
    """Return why the point cannot be in the country, or None when it can.

    `name` turns an ISO-3 code into the reader's country name.
    """
    if not -90 <= latitude <= 90:
        return _("Latitude must lie between -90 and 90.")
    if not -180 <= longitude <= 180:
        return _("Longitude must lie between -180 and 180.")
    if country not in BOXES or in_box(country, latitude, longitude):
        return None
    if -90 <= longitude <= 90 and in_box(country, longitude, latitude):
        return _(
            "This point is not in %(country)s, but it would be with latitude and longitude "
            "swapped: latitude %(lat)s, longitude %(lon)s.",
            country=name(country),
            lat=longitude,
            lon=latitude,
        )
    found = country_at(latitude, longitude)
    if found:
        return _(
            "This point is in %(found)s, not %(country)s: check the latitude and longitude.",
            found=name(found),
            country=name(country),
        )
    return _(
        "This point lies outside %(country)s (latitude %(lat_min)s to %(lat_max)s, "
        "longitude %(lon_min)s to %(lon_max)s): check the latitude and longitude.",
        country=name(country),
        lat_min=BOXES[country][0],
        lat_max=BOXES[country][1],
        lon_min=BOXES[country][2],
        lon_max=BOXES[country][3],
    )
