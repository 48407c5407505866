"""The SVG handed to WeasyPrint says the same with fewer nodes and no style parsing."""

from xml.etree import ElementTree

from roadmap.charts.svg_tidy import tidy_svg

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="90" height="40">'
    '<g class="imagelayer"/><g class="layer"><g/></g>'
    '<rect fill="red" style="fill: rgb(0, 114, 178); fill-opacity: 1; stroke-width: 0;"/>'
    '<g class="legend"><rect class="legendtoggle" style="fill: rgb(0, 0, 0); fill-opacity: 0;"/>'
    '<text x="4" style="font-family: \'DejaVu Sans\', Arial, sans-serif; font-size: 12px; '
    'white-space: pre;">Niger &amp; Mali  done</text></g>'
    "</svg>"
)
NS = "{http://www.w3.org/2000/svg}"


def test_styles_become_presentation_attributes_and_the_style_attribute_wins():
    root = ElementTree.fromstring(tidy_svg(SVG.encode()))
    rect = root.find(f"{NS}rect")
    assert rect.get("fill") == "rgb(0, 114, 178)"  # style overrides the attribute
    assert rect.get("fill-opacity") == "1" and rect.get("stroke-width") == "0"
    assert rect.get("style") is None
    text = root.find(f".//{NS}text")
    assert text.get("font-family") == "'DejaVu Sans', Arial, sans-serif"
    assert text.get("style") == "white-space: pre"  # no presentation attribute for it
    assert text.text == "Niger & Mali  done"


def test_empty_groups_and_legend_hit_areas_are_dropped():
    root = ElementTree.fromstring(tidy_svg(SVG.encode()))
    assert [g.get("class") for g in root.iter(f"{NS}g")] == ["legend"]
    assert not [r for r in root.iter(f"{NS}rect") if r.get("class") == "legendtoggle"]
    assert root.tag == f"{NS}svg" and root.get("width") == "90"


def test_the_output_keeps_the_svg_namespace_unprefixed():
    tidy = tidy_svg(SVG.encode())
    assert tidy.startswith(b"<svg ") and b'xmlns="http://www.w3.org/2000/svg"' in tidy
    assert b"ns0:" not in tidy


def test_what_is_not_xml_is_left_as_it_came():
    assert tidy_svg(b"<svg><unclosed></svg>") == b"<svg><unclosed></svg>"


def test_an_svg_with_a_stylesheet_keeps_its_style_attributes():
    styled = SVG.replace('<g class="imagelayer"/>', "<style>rect { fill: black; }</style>")
    root = ElementTree.fromstring(tidy_svg(styled.encode()))
    assert root.find(f"{NS}rect").get("style").startswith("fill: rgb(0, 114, 178)")
    assert [g.get("class") for g in root.iter(f"{NS}g")] == ["legend"]


def test_scripts_and_handlers_never_reach_a_page():
    hostile = (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
        '<foreignObject><p>x</p></foreignObject><rect onclick="alert(3)" width="1"/></svg>'
    )
    tidy = tidy_svg(hostile.encode())
    assert b"alert" not in tidy and b"foreignObject" not in tidy
    assert b"<rect" in tidy


def test_long_paths_are_written_to_a_tenth_of_a_pixel():
    path = "M567.7461651898906,459.00000000000006L" + "567.3217989075291,458.1652587705171L" * 4
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><path d="{path}Z"/></svg>'
    root = ElementTree.fromstring(tidy_svg(svg.encode()))
    assert root.find(f"{NS}path").get("d").startswith("M567.7,459.0L567.3,458.1L")
