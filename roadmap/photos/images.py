"""Uploaded photos read by their content, re-encoded without their metadata.

Pillow decides what a file is from its bytes; only JPEG, PNG and HEIC/HEIF (phones)
are accepted, so an SVG, an HTML page or a script renamed `.jpg` is refused. A
picture of more pixels than MAX_PIXELS is refused before it is decoded (a
decompression bomb). What is kept of the EXIF block is read into plain values (the
GPS position and the time it was taken) and the stored image is encoded anew, so no
EXIF tag (GPS included) survives in it.
"""

import hashlib
import io
import struct
import warnings
import zlib
from dataclasses import dataclass
from datetime import datetime

import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError
from PIL.ExifTags import GPS, IFD, Base

pillow_heif.register_heif_opener()

MAX_BYTES = 15 * 1024 * 1024
# 50 megapixels: any phone camera, well under what would fill a worker's memory.
MAX_PIXELS = 50_000_000
ACCEPTED = {"JPEG": "image/jpeg", "PNG": "image/png", "HEIF": "image/jpeg"}
LONGEST_SIDE = 2048  # the stored image: enough for a report page, a fraction of the upload
THUMBNAIL_SIDE = 320


class NotAPhoto(ValueError):
    """The file is no photo we take; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class Photo:
    content: bytes
    thumbnail: bytes
    content_type: str
    width: int
    height: int
    latitude: float | None
    longitude: float | None
    taken_at: datetime | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def read_photo(data: bytes, messages) -> Photo:
    """Return the photo in `data`, re-encoded; raise NotAPhoto with one of `messages`.

    `messages` maps "too_big", "not_image", "too_many_pixels" and "unreadable" to the
    text the user reads (translated by the caller).
    """
    if len(data) > MAX_BYTES:
        raise NotAPhoto(messages["too_big"])
    try:
        with warnings.catch_warnings():
            # Only the header is read here; the pixel count is checked just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                width, height = probe.size
    except Image.DecompressionBombError:
        raise NotAPhoto(messages["too_many_pixels"]) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise NotAPhoto(messages["not_image"]) from None
    if kind not in ACCEPTED:
        raise NotAPhoto(messages["not_image"])
    if width * height > MAX_PIXELS:
        raise NotAPhoto(messages["too_many_pixels"])
    if not _complete(data, kind):
        raise NotAPhoto(messages["unreadable"])
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            latitude, longitude = _gps(exif)
            taken_at = _taken_at(exif)
            image = ImageOps.exif_transpose(image)  # upright, as the phone showed it
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise NotAPhoto(messages["unreadable"]) from None
    content_type = ACCEPTED[kind]
    stored = _encoded(image, content_type, LONGEST_SIDE)
    thumbnail = _encoded(image, "image/jpeg", THUMBNAIL_SIDE)
    with Image.open(io.BytesIO(stored)) as again:
        width, height = again.size
    return Photo(stored, thumbnail, content_type, width, height, latitude, longitude, taken_at)


def _complete(data: bytes, kind: str) -> bool:
    """Tell whether a JPEG or PNG file is whole (an upload cut short is not).

    Checked here because Pillow decodes a cut file without a word once any module sets
    its LOAD_TRUNCATED_IMAGES (WeasyPrint does, for the reports).
    """
    if kind == "JPEG":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if kind == "PNG":
        return _png_complete(data)
    return True


def _png_complete(data: bytes) -> bool:
    """Tell whether a PNG's chunks end with IEND and its image data inflates to the end."""
    position, inflate = 8, zlib.decompressobj()
    try:
        while position + 8 <= len(data):
            (length,) = struct.unpack(">I", data[position : position + 4])
            kind = data[position + 4 : position + 8]
            body = data[position + 8 : position + 8 + length]
            if len(body) < length:
                return False
            if kind == b"IDAT":
                while body:  # inflate in bounded steps: a bomb never fills memory
                    inflate.decompress(body, 1 << 20)
                    body = inflate.unconsumed_tail
            if kind == b"IEND":
                return inflate.eof
            position += 12 + length
    except zlib.error:
        return False
    return False


def _encoded(image: Image.Image, content_type: str, side: int) -> bytes:
    """Return the image no larger than side×side, encoded afresh (no metadata kept)."""
    copy = image.copy()
    copy.thumbnail((side, side))
    out = io.BytesIO()
    if content_type == "image/png":
        copy.save(out, "PNG", optimize=True)
    else:
        if copy.mode not in ("RGB", "L"):
            copy = copy.convert("RGB")
        copy.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _gps(exif) -> tuple[float | None, float | None]:
    """Return the EXIF GPS position in decimal degrees, or (None, None)."""
    try:
        gps = exif.get_ifd(IFD.GPSInfo)
    except (KeyError, ValueError, TypeError):
        return None, None
    try:
        latitude = _degrees(gps[GPS.GPSLatitude], gps.get(GPS.GPSLatitudeRef, "N"))
        longitude = _degrees(gps[GPS.GPSLongitude], gps.get(GPS.GPSLongitudeRef, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None
    return latitude, longitude


def _degrees(parts, ref) -> float:
    degrees, minutes, seconds = (float(part) for part in parts)
    value = degrees + minutes / 60 + seconds / 3600
    ref = ref.decode() if isinstance(ref, bytes) else str(ref)
    return -value if ref.strip().upper() in ("S", "W") else value


def _taken_at(exif) -> datetime | None:
    """Return when the photo was taken (EXIF DateTimeOriginal, else DateTime), or None."""
    try:
        details = exif.get_ifd(IFD.Exif)
    except (KeyError, ValueError, TypeError):
        details = {}
    text = details.get(Base.DateTimeOriginal) or exif.get(Base.DateTime)
    if not text:
        return None
    try:
        return datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    from math import asin, cos, radians, sin, sqrt

    phi1, phi2 = radians(lat1), radians(lat2)
    dphi, dlambda = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dphi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * asin(sqrt(a))
