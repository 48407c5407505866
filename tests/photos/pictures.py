"""Photos made for the tests: JPEGs with or without EXIF, and files that only pose as images."""

import io
import struct
import zlib

from PIL import Image
from PIL.ExifTags import GPS, IFD, Base

MAKALONDI = (12.83, 1.68)  # the factories' post


def dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return float(degrees), float(minutes), seconds


def jpeg(at=None, taken="2026:08:12 10:30:00", colour=(200, 120, 40), size=(64, 48)) -> bytes:
    """Return a JPEG, with EXIF GPS at (latitude, longitude) and a taking time when given."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    if taken:
        exif[Base.DateTime] = taken
    if at is not None:
        gps = exif.get_ifd(IFD.GPSInfo)
        gps[GPS.GPSLatitudeRef] = "N" if at[0] >= 0 else "S"
        gps[GPS.GPSLatitude] = dms(at[0])
        gps[GPS.GPSLongitudeRef] = "E" if at[1] >= 0 else "W"
        gps[GPS.GPSLongitude] = dms(at[1])
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (10, 20, 30, 128)).save(out, "PNG")
    return out.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def broken_png() -> bytes:
    """Return a PNG whose chunks are sound but whose image data is no zlib stream."""
    header = struct.pack(">IIBBBBB", 40, 30, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"not a zlib stream")
        + chunk(b"IEND", b"")
    )


def huge_png(width=20_000, height=20_000) -> bytes:
    """Return a valid PNG header for a picture of width×height, with almost no data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>document.cookie</script></body></html>"
