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
    """Return a layer's hover template: the labels once per trace, the values per row.

    `hovertext` is the full title and `text` the rest: dates, baseline dates,
    percent, owner, slip and health.
    """
    return (f"<b>%{{hovertext}}</b><br>{label(labels['status_label'])}: {label(status_text)}"
            f"<br>{label(labels['dates'])}: %{{text}}<extra></extra>")


class DateText(dict):
    """Dates to their text in the reader's language, each formatted once."""

    def __init__(self, format_date):
        super().__init__()
        self.format_date = format_date

    def __missing__(self, day):
        value = self[day] = text(self.format_date(day))
        return value


class Tails(dict):
    """(percent, owner, slip, health) to the end of the hover text, each made once."""

    def __init__(self, labels):
        super().__init__()
        self.percent = f"<br>{text(labels['percent'])}: "
        self.owner = f"<br>{text(labels['owner'])}: "
        self.slip, self.days = f"<br>{text(labels['slip'])}: ", text(labels["days"])
        self.health = f"<br>{text(labels['health_label'])}: "
        self.healths = {code: text(name) for code, name in labels["health"].items()}

    def __missing__(self, key):
        percent, owner, slip, health = key
        value = self[key] = "".join((
            self.percent, str(percent or 0), " %",
            f"{self.owner}{text(owner)}" if owner else "",
            f"{self.slip}{slip:+d} {self.days}" if slip is not None else "",
            self.health, self.healths.get(health) or text(health),
        ))
        return value


def hover_texts(labels, dates: DateText, first, last, tails, planned=None) -> list[str]:
    """Return each row's hover after its dates label: dates, baseline dates, then its tail.

    `first`, `last` and `tails` are columns of the rows; `planned`, when given, the
    columns of their baseline's first and last days. Written by `str.format` over
    the columns, so no Python step runs per row.
    """
    day = dates.__getitem__
    if planned is None:
        return list(map("{} – {}{}".format, map(day, first), map(day, last), tails))
    between = f"<br>{text(labels['baseline_dates'])}: ".replace("{", "{{").replace("}", "}}")
    return list(map(("{} – {}" + between + "{} – {}{}").format, map(day, first), map(day, last),
                    map(day, planned[0]), map(day, planned[1]), tails))


def row_label(title: str) -> str:
    """Return `text(shorten(title))`, skipping the whitespace clean-up a plain title needs not."""
    if len(title) > TITLE_LENGTH:
        kept = title[:TITLE_LENGTH]
        # With plain single spaces in the kept part and no space at either end,
        # " ".join(title.split()) keeps that part as it is and stays too long.
        if (kept.isprintable() and "  " not in kept and kept[0] != " "
                and not title[-1].isspace()):
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        else:
            title = shorten(title)
    elif ("  " in title or title[:1] == " " or title[-1:] == " "
          or not title.isprintable()):
        title = shorten(title)
    return text(title)


def row_labels(titles: list[str]) -> list[str]:
    """Return the row label of each title, checking the plain common case once for all."""
    joined = " ".join(titles)  # a title with a space at either end makes a double space
    if ("  " in joined or joined[:1] == " " or joined[-1:] == " " or "<" in joined
            or ">" in joined or "&" in joined or not joined.isprintable()):
        return [row_label(title) for title in titles]
    # Plain titles: single spaces, nothing to escape; only long ones are cut (in C, by map).
    cut = map(add, map(str.rstrip, map(itemgetter(slice(TITLE_LENGTH - 1)), titles)),
              repeat("…"))
    return [short if length > TITLE_LENGTH else title
            for title, short, length in zip(titles, cut, map(len, titles))]


def escaped(titles: list[str]) -> list[str]:
    """Return the titles escaped for plotly (the same list when none needs it)."""
    joined = "".join(titles)
    if "<" in joined or ">" in joined or "&" in joined:
        return [text(title) for title in titles]
    return titles
