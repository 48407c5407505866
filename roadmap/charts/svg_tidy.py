"""Make plotly.js's SVG cheaper for WeasyPrint to draw, with the same picture.

WeasyPrint parses every `style` attribute with a CSS tokenizer and serialises it
back, node by node, on every PDF; plotly.js writes nearly all its styling that way
and leaves many empty groups and invisible legend hit areas. Presentation
attributes (fill="…") say the same thing to WeasyPrint and to browsers and cost it
nothing to read, so declarations that have one become attributes; what has no
presentation attribute stays in `style`. An SVG with its own stylesheet keeps its
style attributes (a stylesheet rule beats an attribute, not a style attribute).
Scripts and event handlers, which plotly.js never writes, are dropped too: the SVG
is also written into pages as their first paint. Pure: bytes in, bytes out.
"""

import re

# Parses our own browser's output, never a user's.
from xml.etree import ElementTree  # nosec B405

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# The properties plotly.js styles with that SVG also accepts as presentation attributes.
PRESENTATION = frozenset(
    {
        "fill",
        "fill-opacity",
        "fill-rule",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "vector-effect",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "text-anchor",
        "pointer-events",
        "visibility",
        "display",
    }
)


def _styles_to_attributes(element) -> None:
    style = element.attrib.pop("style", None)
    if not style:
        return
    kept = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not colon or not name:
            continue
        if name in PRESENTATION and "!" not in value:
            element.set(name, value)  # the style attribute wins over an attribute
        else:
            kept.append(f"{name}: {value}")
    if kept:
        element.set("style", "; ".join(kept))


def _unprefix(element) -> None:
    """Write SVG names plainly (ElementTree would give them an ns0: prefix)."""
    if element.tag.startswith(f"{{{SVG_NS}}}"):
        element.tag = element.tag[len(SVG_NS) + 2 :]
    for name in [name for name in element.attrib if name.startswith(f"{{{XLINK_NS}}}")]:
        element.set(f"xlink:{name[len(XLINK_NS) + 2 :]}", element.attrib.pop(name))


# What a chart never needs and a page must not run: the SVG may be written into one.
UNSAFE_TAGS = frozenset({"script", "foreignObject", "iframe", "object", "embed"})


def _unsafe(element) -> bool:
    return element.tag in UNSAFE_TAGS


def _drop_handlers(element) -> None:
    for name in [name for name in element.attrib if name.lower().startswith("on")]:
        del element.attrib[name]


# plotly.js writes path coordinates to 16 digits (a map's outlines: 200 KB of them);
# a tenth of a pixel draws the same picture on screen and on paper.
_LONG_NUMBER = re.compile(r"(-?\d+\.\d)\d+")


def _shorten_path(element) -> None:
    path = element.get("d")
    if path and len(path) > 80:
        element.set("d", _LONG_NUMBER.sub(r"\1", path))


def _invisible(element) -> bool:
    if element.tag == "g":
        return len(element) == 0 and not (element.text or "").strip()
    # Legend entries' hit areas: transparent rectangles for the mouse.
    return element.tag == "rect" and element.get("class") == "legendtoggle"


def _tidy(element, styles_to_attributes: bool) -> None:
    _unprefix(element)
    _drop_handlers(element)
    _shorten_path(element)
    for child in list(element):
        _tidy(child, styles_to_attributes)
        if _invisible(child) or _unsafe(child):
            element.remove(child)
    if styles_to_attributes:
        _styles_to_attributes(element)


def tidy_svg(data: bytes) -> bytes:
    """Return the SVG with styles as attributes, invisible nodes and any script dropped."""
    try:
        root = ElementTree.fromstring(data)  # nosec B314
    except ElementTree.ParseError:
        return data  # not ours to judge: draw it as it came
    _tidy(root, root.find(f".//{{{SVG_NS}}}style") is None)
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)
    return ElementTree.tostring(root)
