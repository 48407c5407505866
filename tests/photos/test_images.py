"""Photos are read by their content and stored without their metadata."""

import io

import pytest
from PIL import Image

from roadmap.photos import images

from .pictures import HTML, MAKALONDI, SVG, broken_png, huge_png, jpeg, png

MESSAGES = {key: key for key in ("too_big", "not_image", "too_many_pixels", "unreadable")}


def test_the_gps_position_and_time_are_read_then_stripped():
    photo = images.read_photo(jpeg(at=(13.5, 2.1)), MESSAGES)
    assert photo.latitude == pytest.approx(13.5, abs=1e-4)
    assert photo.longitude == pytest.approx(2.1, abs=1e-4)
    assert photo.taken_at.isoformat() == "2026-08-12T10:30:00"
    for stored in (photo.content, photo.thumbnail):
        with Image.open(io.BytesIO(stored)) as image:
            assert dict(image.getexif()) == {}
            assert "exif" not in image.info
    assert photo.content_type == "image/jpeg" and len(photo.sha256) == 64


def test_south_and_west_are_negative():
    photo = images.read_photo(jpeg(at=(-4.25, -15.5)), MESSAGES)
    assert photo.latitude == pytest.approx(-4.25, abs=1e-4)
    assert photo.longitude == pytest.approx(-15.5, abs=1e-4)


def test_a_png_stays_a_png_and_a_photo_without_exif_has_no_place():
    photo = images.read_photo(png(), MESSAGES)
    assert photo.content_type == "image/png"
    assert (photo.latitude, photo.longitude, photo.taken_at) == (None, None, None)


def test_a_large_photo_is_stored_smaller_with_a_thumbnail():
    photo = images.read_photo(jpeg(size=(4000, 3000)), MESSAGES)
    assert (photo.width, photo.height) == (2048, 1536)
    with Image.open(io.BytesIO(photo.thumbnail)) as thumbnail:
        assert max(thumbnail.size) == 320


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (SVG, "not_image"),
        (HTML, "not_image"),
        (b"#!/bin/sh\nrm -rf /\n", "not_image"),
        (b"", "not_image"),
        (jpeg(size=(640, 480))[:-600], "unreadable"),
        (png()[:-30], "unreadable"),
        (broken_png(), "unreadable"),
        (huge_png(), "too_many_pixels"),
        (b"\xff" * (images.MAX_BYTES + 1), "too_big"),
    ],
)
def test_anything_else_is_refused_with_its_reason(data, why):
    with pytest.raises(images.NotAPhoto, match=why):
        images.read_photo(data, MESSAGES)


def test_a_cut_file_is_refused_even_where_pillow_would_decode_it(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint sets it
    for data in (jpeg(size=(640, 480))[:-600], broken_png()):
        with pytest.raises(images.NotAPhoto, match="unreadable"):
            images.read_photo(data, MESSAGES)
    assert images.read_photo(png(), MESSAGES).content_type == "image/png"


def test_distances_in_kilometres():
    assert images.distance_km(*MAKALONDI, *MAKALONDI) == 0
    # One degree of latitude is about 111 km.
    assert images.distance_km(12.0, 1.0, 13.0, 1.0) == pytest.approx(111.2, abs=0.2)
