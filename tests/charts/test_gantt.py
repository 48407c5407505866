"""The Gantt figure: layers, rows, arrows, hover and the today line, from plain rows."""

import base64
from array import array
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from roadmap.charts.gantt import DAY_MS, gantt_figure, shorten

TODAY = date(2026, 8, 15)
EPOCH = date(1970, 1, 1)


def ms(day):
    return (day - EPOCH).days * DAY_MS


def numbers(spec):
    """Decode a plotly typed-array spec (or pass a plain list through)."""
    if isinstance(spec, dict):
        values = array("d")
        values.frombytes(base64.b64decode(spec["bdata"]))
        return list(values)
    return list(spec)


def row(id, title, start, end, status="planned", percent=0, workstream="Coordination", **extra):
    return {"id": id, "title": title, "workstream": workstream, "start": start, "end": end,
            "status": status, "percent": percent, **extra}


ROWS = [
    row(1, "Mapping report", date(2026, 4, 1), date(2026, 4, 30), "done", 100,
        baseline_start=date(2026, 4, 1), baseline_end=date(2026, 4, 20), slip=10, owner="IOM"),
    row(2, "Regional workshop in Niamey", date(2026, 7, 29), date(2026, 7, 29), "done", 100),
    # 2026-08-01..08-31 at 40 %: progress date 2026-08-13 lies before today -> late part
    row(3, "Works at Petelkolé", date(2026, 8, 1), date(2026, 8, 31), "in_progress", 40,
        workstream="Rehabilitation"),
    row(4, "Handover <script>alert(1)</script>", date(2026, 11, 1), date(2026, 11, 30),
        workstream="Rehabilitation"),
]


def layers(figure):
    return {trace.meta["layer"]: trace for trace in figure.data}


@pytest.fixture
def figure():
    return gantt_figure(ROWS, TODAY, dependencies=[(1, 3), (2, 3), (3, 99)])


def test_one_bar_or_diamond_per_milestone(figure):
    found = layers(figure)
    statuses = ("planned", "in_progress", "done", "cancelled")
    bars = sum(len(numbers(found[f"current:{s}"].x)) for s in statuses)
    diamonds = sum(len(numbers(found[f"point:{s}"].x)) for s in statuses)
    assert (bars, diamonds) == (3, 1)
    assert found["point:done"].marker.symbol == "diamond"


def test_bars_use_iso_base_and_duration_in_ms_on_a_date_axis(figure):
    bar = layers(figure)["current:in_progress"]
    assert bar.orientation == "h"
    assert list(bar.base) == ["2026-08-01"]
    assert numbers(bar.x) == [31 * DAY_MS]  # inclusive end
    assert figure.layout.xaxis.type == "date"


def test_trace_count_does_not_grow_with_rows():
    many = [row(i, f"M{i}", date(2026, 4, 1), date(2026, 4, 10)) for i in range(300)]
    assert len(gantt_figure(many, TODAY).data) == len(gantt_figure(many[:3], TODAY).data)


def test_baseline_done_and_late_layers(figure):
    found = layers(figure)
    assert list(found["baseline"].base) == ["2026-04-01"]
    assert numbers(found["baseline"].x) == [20 * DAY_MS]
    # done: the whole mapping report, 40 % of 31 days (12 days) of the works
    assert numbers(found["done"].x) == [30 * DAY_MS, 12 * DAY_MS]
    # late: from the progress date 2026-08-13 to today
    assert list(found["late"].base) == ["2026-08-13"]
    assert numbers(found["late"].x) == [2 * DAY_MS]
    assert found["late"].marker.color.upper() == "#D55E00"


def test_late_part_stops_at_the_bar_end_when_overdue():
    overdue = [row(1, "Overdue", date(2026, 7, 1), date(2026, 7, 10), "in_progress", 50)]
    late = layers(gantt_figure(overdue, TODAY))["late"]
    assert list(late.base) == ["2026-07-06"]
    assert numbers(late.x) == [5 * DAY_MS]


def test_rows_grouped_by_workstream_with_headers_and_short_titles(figure):
    ticks = list(figure.layout.yaxis.ticktext)
    assert ticks[0] == "<b>Coordination</b>"
    assert ticks[3] == "<b>Rehabilitation</b>"
    assert figure.layout.yaxis.autorange == "reversed"
    assert "&lt;script&gt;" in ticks[5] and "<script>" not in ticks[5]
    assert len(shorten("x" * 100)) == 38 and shorten("x" * 100).endswith("…")


def test_hover_tells_dates_percent_owner_slip_and_health(figure):
    hover = layers(figure)["current:done"].hovertext[0]
    expected = ("Mapping report", "2026-04-01", "2026-04-30", "100 %", "IOM", "+10 days", "On track")
    for text in expected:
        assert text in hover
    late_hover = layers(figure)["current:in_progress"].hovertext[0]
    assert "Health: Late" in late_hover


def test_dependency_arrows_from_end_to_start_skip_unknown_rows(figure):
    arrows = layers(figure)["dependencies"]
    xs = numbers(arrows.x)
    assert len(xs) == 8  # two arrows of 3 points and a gap; 3 -> 99 is not drawn
    assert xs[0] == ms(date(2026, 5, 1)) and xs[2] == ms(date(2026, 8, 1))
    assert arrows.marker.symbol == "arrow"


def test_today_line_is_an_iso_string(figure):
    line = figure.layout.shapes[0]
    assert line.x0 == line.x1 == "2026-08-15"


def test_translated_labels_name_the_legend():
    labels = {"statuses": {"planned": "Prévu", "in_progress": "En cours", "done": "Terminé",
                           "cancelled": "Annulé"}, "baseline": "Référence", "today": "Aujourd’hui"}
    figure = gantt_figure(ROWS, TODAY, labels)
    names = {trace.name for trace in figure.data}
    assert {"Prévu", "En cours", "Terminé", "Annulé", "Référence"} <= names
    assert figure.layout.annotations[0].text == "Aujourd’hui"


def test_window_keeps_overlapping_rows_and_zooms():
    figure = gantt_figure(ROWS, TODAY, window=(TODAY, TODAY + timedelta(days=60)))
    assert figure.layout.xaxis.range == ("2026-08-15", "2026-10-15")
    assert len(figure.layout.yaxis.ticktext) == 2  # one header and the works


def test_figure_is_valid_for_plotly():
    figure = gantt_figure(ROWS, TODAY, dependencies=[(1, 3)])
    go.Figure(figure.to_dict())  # validates every property against the schema
