"""The Gantt chart's words: row labels, escaped titles and hover templates.

plotly reads a few HTML tags in labels, so user text is escaped; translated labels
also lose any `%{…}`, which a hover template would read as a field.
"""

from html import escape
from itertools import repeat
from operator import add, itemgetter

TITLE_LENGTH = 38


def shorten(title: str, length: int = TITLE_LENGTH) -> str:
    """Return the title on one line, cut to `length` characters with an ellipsis."""
    title = str(title)
    if len(title) > length or "  " in title or "\n" in title or "\t" in title:
        title = " ".join(title.split())
    return title if len(title) <= length else title[: length - 1].rstrip() + "…"


def text(value) -> str:
    """Escape user text for plotly, which reads a few HTML tags in labels."""
    value = str(value)
    if "<" in value or ">" in value or "&" in value:
        return escape(value, quote=False)
    return value


def label(value) -> str:
    """Return a translated label safe inside a hover template (no HTML, no %{…})."""
    return text(value).replace("%{", "%\u200b{")


def template(labels, status_text) -> str:
    """Return a layer's hover template: the title and status, then the lines of `text`.

    The page writes `text` from the values each layer carries (static/js/charts.js):
    dates in the reader's language, baseline, percent, owner, slip, health and float.
    """
    return (
        f"<b>%{{hovertext}}</b><br>{label(labels['status_label'])}: {label(status_text)}"
        f"<br>%{{text}}<extra></extra>"
    )


def hover_labels(labels) -> dict:
    """Return the labels of the hover lines the page writes, escaped."""
    return {
        "dates": text(labels["dates"]),
        "baseline": text(labels["baseline_dates"]),
        "percent": text(labels["percent"]),
        "owner": text(labels["owner"]),
        "slip": text(labels["slip"]),
        "days": text(labels["days"]),
        "health": text(labels["health_label"]),
        "float": text(labels["float"]),
        "critical": text(labels["critical"]),
    }


class Index(dict):
    """Values to their position in `names`, which holds each value's name once."""

    def __init__(self, name, values=()):
        super().__init__()
        self.name, self.names = name, []
        for value in values:
            self[value]  # noqa: B018  (registers it)

    def __missing__(self, value):
        index = self[value] = len(self.names)
        self.names.append(self.name(value))
        return index


def row_label(title: str) -> str:
    """Return `text(shorten(title))`, skipping the whitespace clean-up a plain title needs not."""
    if len(title) > TITLE_LENGTH:
        kept = title[:TITLE_LENGTH]
        # With plain single spaces in the kept part and no space at either end,
        # " ".join(title.split()) keeps that part as it is and stays too long.
        if kept.isprintable() and "  " not in kept and kept[0] != " " and not title[-1].isspace():
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        else:
            title = shorten(title)
    elif "  " in title or title[:1] == " " or title[-1:] == " " or not title.isprintable():
        title = shorten(title)
    return text(title)


_ASCII_CONTROLS = tuple(map(chr, (*range(0x20), 0x7F)))


def _printable(value: str) -> bool:
    """Return value.isprintable(), faster for ASCII text: one search per control character."""
    if value.isascii():
        return not any(map(value.__contains__, _ASCII_CONTROLS))
    return value.isprintable()


def row_labels(titles: list[str]) -> list[str]:
    """Return the row label of each title, checking the plain common case once for all."""
    joined = " ".join(titles)  # a title with a space at either end makes a double space
    if (
        "  " in joined
        or joined[:1] == " "
        or joined[-1:] == " "
        or "<" in joined
        or ">" in joined
        or "&" in joined
        or not _printable(joined)
    ):
        return [row_label(title) for title in titles]
    # Plain titles: single spaces, nothing to escape; only long ones are cut (in C, by map).
    cut = map(add, map(str.rstrip, map(itemgetter(slice(TITLE_LENGTH - 1)), titles)), repeat("…"))
    return [
        short if length > TITLE_LENGTH else title
        for title, short, length in zip(titles, cut, map(len, titles), strict=False)
    ]


def escaped(titles: list[str]) -> list[str]:
    """Return the titles escaped for plotly (the same list when none needs it)."""
    joined = "".join(titles)
    if "<" in joined or ">" in joined or "&" in joined:
        return [text(title) for title in titles]
    return titles
