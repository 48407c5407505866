"""Draw a chart's SVG text a run at a time in WeasyPrint, not a letter at a time.

WeasyPrint 70 lays out and draws every letter of SVG text on its own, because
SVG may place each letter (x, y, dx, dy and rotate lists, letter-spacing,
textLength). plotly.js never does: each text or tspan is one run at one point.
Letter by letter, the 2,000 letters of a report's charts cost a third of its PDF.
`install()` gives WeasyPrint's SVG renderer a text function that draws such a run
with one layout (kerned, as the browser that placed it did) and hands every other
text to WeasyPrint's own. It is installed for the WeasyPrint version it was written
against only; any other leaves WeasyPrint as it is.
"""

from math import inf

SUPPORTED_VERSION = "70.0"
PER_LETTER = ("rotate", "textLength", "letter-spacing")
_original = None


def _one_value(node, name) -> bool:
    from weasyprint.svg.utils import normalize

    value = node.attrib.get(name)
    return value is None or len(normalize(value).strip().split(" ")) == 1


def simple_run(node) -> bool:
    """Tell whether a text node is one run at one point (what plotly.js writes)."""
    text = node.text
    return (
        bool(text and text.strip())
        and "\n" not in text
        and not any(name in node.attrib for name in PER_LETTER)
        and all(_one_value(node, name) for name in ("x", "y", "dx", "dy"))
    )


def _style(svg, node, font_size):
    """Return the text style WeasyPrint's own SVG text function builds."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.svg.text import Style

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    weight = node.get("font-weight", 400)
    try:
        style["font_weight"] = {"normal": 400, "bold": 700}.get(weight) or int(weight)
    except ValueError:
        style["font_weight"] = 400
    return style


def _y_align(node, font_size, height):
    """Return the vertical shift WeasyPrint applies for the baseline attributes."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if anchor == "middle":
        return -height / 2
    if anchor == "top":
        return 0
    if anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def text_run(svg, node, font_size):
    """Draw a text node as one run when it is one; else as WeasyPrint does."""
    if not simple_run(node):
        return _original(svg, node, font_size)
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import TextBox
    from weasyprint.svg.utils import size
    from weasyprint.text.line_break import split_first_line

    style = _style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    x = node.attrib.get("x") and size(node.attrib["x"].strip(), font_size, svg.inner_width)
    y = node.attrib.get("y") and size(node.attrib["y"].strip(), font_size, svg.inner_height)
    dx = node.attrib.get("dx") and size(node.attrib["dx"].strip(), font_size, svg.inner_width)
    dy = node.attrib.get("dy") and size(node.attrib["dy"].strip(), font_size, svg.inner_height)
    # The first letter's rules in WeasyPrint's loop, applied to the whole run.
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    svg.cursor_d_position[0] += dx or 0
    svg.cursor_d_position[1] += dy or 0
    x = svg.cursor_position[0] if x is None or x == "" else x
    y = svg.cursor_position[1] if y is None or y == "" else y
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + _y_align(node, font_size, height)
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(
        svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=x_position, f=y_position)
    )
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)
    return None


def install() -> bool:
    """Route WeasyPrint's SVG text through text_run; tell whether it was installed."""
    global _original
    import weasyprint
    from weasyprint import svg as weasy_svg

    if _original is not None:
        return True
    if weasyprint.__version__ != SUPPORTED_VERSION:
        return False
    _original, tags = weasy_svg.text, weasy_svg.TAGS
    # WeasyPrint has no public hook for drawing SVG text (70.0 only, pinned in pyproject.toml):
    # its drawer is swapped in the tag table and where draw_node compares tags with it.
    weasy_svg.text = tags["a"] = tags["text"] = tags["textPath"] = tags["tspan"] = text_run
    return True
