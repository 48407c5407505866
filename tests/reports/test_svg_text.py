"""Chart text drawn a run at a time reads and sits as WeasyPrint's letter-by-letter text does."""

import base64
import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from roadmap.reports import svg_text

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80">'
    '<text x="150" y="30" text-anchor="middle" font-family="DejaVu Sans" font-size="14">'
    "Niger &amp; Mali: 40 % done</text>"
    '<text x="290" y="60" text-anchor="end" font-size="12">Report date</text>'
    '<text x="10" y="60" rotate="15">Tilted</text>'
    "</svg>"
)


def pdf_of(svg: str) -> bytes:
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return HTML(string=f'<img src="{url}" style="width: 120mm">').write_pdf()


def text_of(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


@pytest.mark.parametrize(
    ("markup", "simple"),
    [
        ('<text x="4" y="9">Mali</text>', True),
        ('<text x="4" dy="1.2em">Mali</text>', True),
        ('<text x="4 12 20" y="9">Mali</text>', False),
        ('<text rotate="10">Mali</text>', False),
        ('<text letter-spacing="2">Mali</text>', False),
        ('<text textLength="40">Mali</text>', False),
        ("<text> </text>", False),
    ],
)
def test_only_one_run_at_one_point_takes_the_short_way(markup, simple):
    from xml.etree import ElementTree

    element = ElementTree.fromstring(markup)

    class Plain:
        attrib = element.attrib
        text = element.text

    assert svg_text.simple_run(Plain) is simple


def first_letters(data: bytes) -> dict:
    """Return {letter: x of its first drawing} for the letters that start our texts."""
    found = {}

    def visit(text, _cm, tm, _font, _size):
        if text and text[0] in "NRT" and text[0] not in found:
            found[text[0]] = round(tm[4], 1)

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_text_reads_and_sits_as_letter_by_letter(monkeypatch):
    assert svg_text.install() is True
    assert svg_text.install() is True  # once is enough
    fast = pdf_of(SVG)
    monkeypatch.setattr(svg_text, "simple_run", lambda node: False)  # WeasyPrint's own way
    slow = pdf_of(SVG)
    assert "Niger & Mali: 40 % done" in text_of(fast) and "Report date" in text_of(fast)
    assert text_of(fast).replace(" ", "") == text_of(slow).replace(" ", "")
    # Anchored in the middle and at the end, the runs start where the letters did (kerning
    # aside, within a point).
    fast_x, slow_x = first_letters(fast), first_letters(slow)
    assert fast_x.keys() == slow_x.keys() == {"N", "R", "T"}
    assert all(abs(fast_x[k] - slow_x[k]) < 1 for k in fast_x)
