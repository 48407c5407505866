"""The demo's field photos, drawn here: a post's site at a stage, as a phone would send it."""

import io
from datetime import date

from PIL import Image, ImageDraw
from PIL.ExifTags import GPS, IFD

from roadmap.photos import commands as photos

# (post, stage, day, caption, GPS offset in degrees north of the post or None)
PHOTOS = [
    ("Faramana", "procured", "2026-07-28", "Site handed to the contractor", None),
    ("Faramana", "works_in_progress", "2026-08-11", "Foundations of the control building", None),
    ("Makalondi", "works_in_progress", "2026-06-18", "Roof of the police building", None),
    ("Makalondi", "handed_over", "2026-07-21", "Handover of the rehabilitated post", None),
    (
        "Koloko",
        "works_in_progress",
        "2026-08-05",
        "Joint control building, seen from the road",
        0.2,
    ),
]
STAGE_COLOURS = {
    "procured": (170, 140, 100),
    "works_in_progress": (190, 160, 120),
    "handed_over": (235, 230, 215),
}


def drawing(stage: str, seed: int) -> Image.Image:
    """Return a picture of a post's site at a stage: sky, ground and what stands there."""
    image = Image.new("RGB", (800, 600), (150, 190, 225))  # drawn at 800×600, sent at 480×360
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 800, 600), fill=(196, 160, 110))  # laterite ground
    wall = STAGE_COLOURS.get(stage, (200, 180, 150))
    left = 180 + seed * 25
    if stage == "procured":
        for n in range(5):  # survey pegs on bare ground
            draw.rectangle((left + n * 90, 390, left + n * 90 + 8, 440), fill=(230, 80, 40))
    else:
        height = 150 if stage == "works_in_progress" else 220
        draw.rectangle(
            (left, 380 - height, left + 420, 380), fill=wall, outline=(90, 70, 50), width=4
        )
        if stage == "works_in_progress":
            for x in range(left - 20, left + 460, 60):  # scaffolding
                draw.line((x, 380, x, 380 - height - 40), fill=(120, 100, 70), width=5)
        else:
            draw.rectangle((left + 40, 230, left + 120, 300), fill=(70, 110, 150))
            draw.line((left + 380, 160, left + 380, 60), fill=(60, 60, 60), width=4)
            draw.rectangle((left + 382, 60, left + 450, 100), fill=(20, 120, 60))
    return image.resize((480, 360))


def jpeg(image: Image.Image, gps: tuple[float, float] | None) -> bytes:
    exif = Image.Exif()
    if gps is not None:
        info = exif.get_ifd(IFD.GPSInfo)
        for (ref_tag, value_tag), value, refs in (
            ((GPS.GPSLatitudeRef, GPS.GPSLatitude), gps[0], "NS"),
            ((GPS.GPSLongitudeRef, GPS.GPSLongitude), gps[1], "EW"),
        ):
            info[ref_tag] = refs[0] if value >= 0 else refs[1]
            degrees = abs(value)
            minutes = (degrees - int(degrees)) * 60
            info[value_tag] = (
                float(int(degrees)),
                float(int(minutes)),
                round((minutes % 1) * 60, 2),
            )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif)
    return out.getvalue()


def add(posts_by_name: dict, shift, author, today: date) -> None:
    """Add the demo's photos to their posts (a photo dated after today is left out)."""
    for seed, (name, stage, day, caption, north) in enumerate(PHOTOS):
        post, taken = posts_by_name[name], shift(day)
        if taken > today:
            continue
        gps = (post.latitude + north, post.longitude) if north is not None else None
        photos.add_photos(
            post,
            [photos.Upload(f"{name}-{stage}.jpg", jpeg(drawing(stage, seed % 3), gps))],
            caption=caption,
            stage=stage,
            taken_on=taken,
            by=author,
            today=today,
        )
