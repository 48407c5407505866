"""A page's figure is serialised once, and what it writes is as safe as `|tojson`."""

import json

import plotly.graph_objects as go
from flask import render_template_string

from roadmap.charts import FigureJSON, figure_json, figure_payload

HOSTILE = "</script><script>alert('x')</script><!-- & \u2028"


def hostile_figure():
    return go.Figure(
        go.Bar(x=[HOSTILE, "b"], y=[1, 2], name=HOSTILE),
        layout={"title": {"text": HOSTILE}, "height": 420},
    )


def test_the_json_is_the_figure():
    figure = hostile_figure()
    found = figure_json(figure)
    assert isinstance(found, FigureJSON)
    assert json.loads(found) == figure_payload(figure)
    assert found.height == 420


def test_no_character_can_end_the_script_or_an_attribute():
    found = figure_json(hostile_figure())
    for character in "<>&'":
        assert character not in found


def test_the_macro_writes_it_once_and_still_escapes_plain_data(app):
    figure = hostile_figure()
    template = (
        '{% from "_macros.html" import chart %}'
        '{{ chart("a", fig, "A") }}{{ chart("b", data, "B") }}'
    )
    with app.test_request_context():
        html = render_template_string(
            template, fig=figure_json(figure), data=figure_payload(figure)
        )
    first, second = html.split('id="a-data">')[1], html.split('id="b-data">')[1]
    first, second = first.split("</script>")[0], second.split("</script>")[0]
    assert json.loads(first) == json.loads(second) == figure_payload(figure)
    assert "<" not in first and "<" not in second
