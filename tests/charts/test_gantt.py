"""The Gantt figure: layers, rows, arrows, hover and the today line, from plain rows."""

import base64
import json
from array import array
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from roadmap.charts.gantt import DAY_MS, NO_FLOAT, gantt_figure
from roadmap.charts.gantt_text import row_label as _row_label
from roadmap.charts.gantt_text import row_labels, shorten
from roadmap.charts.gantt_text import text as _text
from roadmap.schedule.health import health

TODAY = date(2026, 8, 15)
EPOCH = date(1970, 1, 1)


def ms(day):
    return (day - EPOCH).days * DAY_MS


CODES = {"f8": "d", "f4": "f", "u1": "B", "u2": "H", "i4": "i", "u4": "I"}


def numbers(spec):
    """Decode a plotly typed-array spec (or pass a plain list through)."""
    if isinstance(spec, dict):
        values = array(CODES[spec["dtype"]])
        values.frombytes(base64.b64decode(spec["bdata"]))
        return list(values)
    return list(spec)


def row(id, title, start, end, status="planned", percent=0, workstream="Coordination", **extra):
    # Health comes with the row, derived as schedule.queries.load_rows derives it.
    extra.setdefault(
        "health", health(status, start, end, percent, TODAY, extra.get("baseline_end"))
    )
    return {
        "id": id,
        "title": title,
        "workstream": workstream,
        "start": start,
        "end": end,
        "status": status,
        "percent": percent,
        **extra,
    }


ROWS = [
    row(
        1,
        "Mapping report",
        date(2026, 4, 1),
        date(2026, 4, 30),
        "done",
        100,
        baseline_start=date(2026, 4, 1),
        baseline_end=date(2026, 4, 20),
        slip=10,
        owner="IOM",
    ),
    row(2, "Regional workshop in Niamey", date(2026, 7, 29), date(2026, 7, 29), "done", 100),
    # 2026-08-01..08-31 at 40 %: progress date 2026-08-13 lies before today -> late part
    row(
        3,
        "Works at Petelkolé",
        date(2026, 8, 1),
        date(2026, 8, 31),
        "in_progress",
        40,
        workstream="Rehabilitation",
    ),
    row(
        4,
        "Handover <script>alert(1)</script>",
        date(2026, 11, 1),
        date(2026, 11, 30),
        workstream="Rehabilitation",
    ),
]


def hover(trace, i):
    """Return the hover plotly.js shows for point i, written as static/js/charts.js writes it
    from the figure's table of rows (dates here in ISO form; the page writes them in the
    reader's language)."""
    carried = trace.figure.layout.meta["hover"]
    columns = {
        key: numbers(carried[key])
        for key in (
            "y",
            "first",
            "last",
            "planned_first",
            "planned_last",
            "percent",
            "owner",
            "health",
        )
    }
    row = columns["y"].index(numbers(trace.y)[i])
    labels = carried["labels"]

    def day(number):
        return (EPOCH + timedelta(days=number)).isoformat()

    lines = [f"{labels['dates']}: {day(columns['first'][row])} – {day(columns['last'][row])}"]
    planned = columns["planned_first"][row] and columns["planned_last"][row]
    if planned:
        lines.append(
            f"{labels['baseline']}: {day(columns['planned_first'][row])} – "
            f"{day(columns['planned_last'][row])}"
        )
    lines.append(f"{labels['percent']}: {columns['percent'][row]} %")
    if owner := carried["owners"][columns["owner"][row]]:
        lines.append(f"{labels['owner']}: {owner}")
    if planned:
        slip = columns["last"][row] - columns["planned_last"][row]
        lines.append(f"{labels['slip']}: {slip:+d} {labels['days']}")
    lines.append(f"{labels['health']}: {carried['healths'][columns['health'][row]]}")
    total_float = numbers(carried["float"])[row]
    if total_float != NO_FLOAT:
        critical = f" ({labels['critical']})" if total_float <= 0 else ""
        lines.append(f"{labels['float']}: {total_float} {labels['days']}{critical}")
    assert trace.meta["hover"] is True
    return (
        trace.hovertemplate.replace("%{hovertext}", carried["titles"][row])
        .replace("%{text}", "<br>".join(lines))
        .replace("<extra></extra>", "")
    )


def layers(figure):
    return {trace.meta["layer"]: trace for trace in figure.data}


@pytest.fixture
def figure():
    return gantt_figure(ROWS, TODAY, dependencies=[(1, 3), (2, 3), (3, 99)])


def test_one_bar_or_diamond_per_milestone(figure):
    found = layers(figure)
    bars = sum(
        len(numbers(trace.x)) for name, trace in found.items() if name.startswith("current:")
    )
    diamonds = sum(len(trace.x) for name, trace in found.items() if name.startswith("point:"))
    assert (bars, diamonds) == (3, 1)
    assert found["point:done:unplanned"].marker.symbol == "diamond"


def test_rows_with_and_without_baseline_share_one_legend_entry_per_status():
    rows = [
        row(
            1,
            "Planned",
            date(2026, 4, 1),
            date(2026, 4, 9),
            "done",
            100,
            baseline_start=date(2026, 4, 1),
            baseline_end=date(2026, 4, 9),
        ),
        row(2, "Added later", date(2026, 5, 1), date(2026, 5, 9), "done", 100),
    ]
    found = layers(gantt_figure(rows, TODAY))
    planned, unplanned = found["current:done"], found["current:done:unplanned"]
    assert (planned.showlegend, unplanned.showlegend) == (True, False)
    assert planned.legendgroup == unplanned.legendgroup == "done"
    assert "Baseline: 2026-04-01 – 2026-04-09" in hover(planned, 0)
    assert "Baseline" not in hover(unplanned, 0) and "Slip" not in hover(unplanned, 0)
    # a status with no rows keeps one empty trace, so the legend always lists every status
    assert len(numbers(found["current:planned"].x)) == 0
    assert "current:planned:unplanned" not in found


def test_bars_use_iso_base_and_duration_in_ms_on_a_date_axis(figure):
    bar = layers(figure)["current:in_progress:unplanned"]
    assert bar.orientation == "h"
    assert list(bar.base) == ["2026-08-01"]
    assert numbers(bar.x) == [31 * DAY_MS]  # inclusive end
    assert figure.layout.xaxis.type == "date"


def test_trace_count_does_not_grow_with_rows():
    many = [row(i, f"M{i}", date(2026, 4, 1), date(2026, 4, 10)) for i in range(300)]
    assert len(gantt_figure(many, TODAY).data) == len(gantt_figure(many[:3], TODAY).data)


def test_baseline_done_and_late_layers(figure):
    found = layers(figure)
    # the parts under the milestones' bars start at ms, which a date axis reads as well
    assert numbers(found["baseline"].base) == [ms(date(2026, 4, 1))]
    assert numbers(found["baseline"].x) == [20 * DAY_MS]
    # done: the whole mapping report, 40 % of 31 days (12 days) of the works
    assert numbers(found["done"].x) == [30 * DAY_MS, 12 * DAY_MS]
    # late: from the progress date 2026-08-13 to today
    assert numbers(found["late"].base) == [ms(date(2026, 8, 13))]
    assert numbers(found["late"].x) == [2 * DAY_MS]
    assert found["late"].marker.color.upper() == "#D55E00"


def test_late_part_stops_at_the_bar_end_when_overdue():
    overdue = [row(1, "Overdue", date(2026, 7, 1), date(2026, 7, 10), "in_progress", 50)]
    late = layers(gantt_figure(overdue, TODAY))["late"]
    assert numbers(late.base) == [ms(date(2026, 7, 6))]
    assert numbers(late.x) == [5 * DAY_MS]


def test_rows_grouped_by_workstream_with_headers_and_short_titles(figure):
    ticks = list(figure.layout.yaxis.ticktext)
    assert ticks[0] == "<b>Coordination</b>"
    assert ticks[3] == "<b>Rehabilitation</b>"
    assert figure.layout.yaxis.autorange == "reversed"
    assert "&lt;script&gt;" in ticks[5] and "<script>" not in ticks[5]
    assert len(shorten("x" * 100)) == 38 and shorten("x" * 100).endswith("…")


def test_hover_tells_dates_percent_owner_slip_and_health(figure):
    # The labels are in each trace's hovertemplate; hovertext and text carry the row's values.
    hover_text = hover(layers(figure)["current:done"], 0)
    expected = (
        "Mapping report",
        "2026-04-01",
        "2026-04-30",
        "100 %",
        "IOM",
        "+10 days",
        "On track",
    )
    for text in expected:
        assert text in hover_text
    late_hover = hover(layers(figure)["current:in_progress:unplanned"], 0)
    assert "Health: Late" in late_hover


def test_critical_bars_are_outlined_and_the_hover_tells_the_float():
    rows = [
        row(1, "Mapping", date(2026, 4, 1), date(2026, 4, 30), "done", 100, float=None),
        row(2, "Works", date(2026, 8, 1), date(2026, 8, 31), float=0, critical=True),
        row(3, "Handover", date(2026, 9, 5), date(2026, 9, 5), float=0, critical=True),
        row(4, "Training", date(2026, 8, 1), date(2026, 8, 20), float=16, critical=False),
    ]
    found = layers(gantt_figure(rows, TODAY))
    critical = found["critical"]
    assert critical.name == "Critical path"
    # a box round each critical bar and round the diamond's day, drawn by its outline only
    assert numbers(critical.base) == [ms(date(2026, 8, 1)), ms(date(2026, 9, 5))]
    assert numbers(critical.x) == [31 * DAY_MS, DAY_MS]
    assert critical.marker.line.width >= 2 and critical.marker.color == "rgba(0,0,0,0)"
    planned = found["current:planned:unplanned"]
    assert hover(planned, 0).endswith("Total float: 0 days (Critical path)")
    assert hover(planned, 1).endswith("Total float: 16 days")
    assert "float" not in hover(found["current:done:unplanned"], 0)
    go.Figure(json.loads(gantt_figure(rows, TODAY).to_json()))  # valid for plotly


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
    labels = {
        "statuses": {
            "planned": "Prévu",
            "in_progress": "En cours",
            "done": "Terminé",
            "cancelled": "Annulé",
        },
        "baseline": "Référence",
        "today": "Aujourd’hui",
    }
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
    # validates every property of what the page receives against the schema
    go.Figure(json.loads(figure.to_json()))


def test_hover_keeps_every_line_in_order_and_omits_missing_values(figure):
    found = layers(figure)
    assert hover(found["current:done"], 0) == (
        "<b>Mapping report</b><br>Status: Done<br>Dates: 2026-04-01 – 2026-04-30"
        "<br>Baseline: 2026-04-01 – 2026-04-20<br>Complete: 100 %<br>Owner: IOM"
        "<br>Slip: +10 days<br>Health: On track"
    )
    # no baseline, owner or slip: those lines are left out
    assert hover(found["point:done:unplanned"], 0) == (
        "<b>Regional workshop in Niamey</b><br>Status: Done<br>Dates: 2026-07-29 – 2026-07-29"
        "<br>Complete: 100 %<br>Health: On track"
    )
    # bars keep their text for the hover only; user text stays escaped
    assert found["current:planned:unplanned"].textposition == "none"
    assert hover(found["current:planned:unplanned"], 0).startswith(
        "<b>Handover &lt;script&gt;alert(1)&lt;/script&gt;</b>"
    )


def test_hover_carries_numbers_and_translated_escaped_labels():
    labels = {
        "dates": "Dates prévues",
        "status_label": "Statut",
        "owner": "<i>Owner</i>",
        "statuses": {
            "planned": "Prévu",
            "in_progress": "En cours",
            "done": "Terminé",
            "cancelled": "Annulé",
        },
    }
    rows = [ROWS[0], {**ROWS[2], "owner": "<b>Direction</b> & co"}]
    found = layers(gantt_figure(rows, TODAY, labels))
    done = found["current:done"]
    assert done.hovertemplate.startswith("<b>%{hovertext}</b><br>Statut: Terminé<br>")
    carried = done.figure.layout.meta["hover"]
    assert carried["labels"]["dates"] == "Dates prévues"
    assert carried["labels"]["owner"] == "&lt;i&gt;Owner&lt;/i&gt;"
    assert "&lt;b&gt;Direction&lt;/b&gt; &amp; co" in carried["owners"]
    # dates as days since 1970: no sentence per row is sent
    assert numbers(carried["first"]) == [
        (date(2026, 4, 1) - EPOCH).days,
        (date(2026, 8, 1) - EPOCH).days,
    ]
    assert numbers(carried["planned_last"]) == [(date(2026, 4, 20) - EPOCH).days, 0]
    assert done.text is None and done.hovertext is None  # written by the page


def test_labels_cannot_open_template_fields_or_write_markup():
    labels = {
        "status_label": "Status %{customdata[9]}",
        "owner": "<i>Owner</i>",
        "baseline_dates": "Base {0} line",
    }
    figure = gantt_figure(ROWS[:1], TODAY, labels)
    template = layers(figure)["current:done"].hovertemplate
    assert "%{customdata[9]}" not in template
    assert "&lt;i&gt;Owner" in hover(layers(figure)["current:done"], 0)
    assert "Base {0} line: 2026-04-01" in hover(layers(figure)["current:done"], 0)


def test_row_labels_match_each_title_labelled_alone():
    plain = [f"Milestone {i}: rehabilitation works at border post {i}" for i in range(20)]
    mixed = plain + ["a  b", " lead", "trail ", "<b>bold</b>", "tab\there", "x" * 38, ""]
    # A tab or a line break is collapsed to a space, in ASCII text or not.
    controls = ["tab\there", "new\nline", "cr\rhere", "bell\x07", "del\x7f"]
    accented = ["Dépôt\tde Gaya", "réhabilitation du poste frontière"]
    for titles in (plain, mixed, plain + controls, plain + accented, ["short"], []):
        assert row_labels(titles) == [_row_label(title) for title in titles]


def test_row_label_is_shorten_then_escape():
    titles = [
        "x" * 100,
        "Short",
        "a  b",
        " lead" + "y" * 50,
        "tab\there" + "z" * 40,
        "é" * 39,
        "<b>" + "w" * 50,
        "no\nbreak",
        "a b " * 20,
        "x" * 38,
        "x" * 39,
        "nbsp\u00a0" * 10,
        "trailing " + "q" * 40 + " ",
    ]
    for title in titles:
        assert _row_label(title) == _text(shorten(title)), title


def test_row_positions_and_arrow_sizes_use_small_typed_arrays(figure):
    found = layers(figure)
    assert found["current:in_progress:unplanned"].y["dtype"] == "u2"
    assert numbers(found["current:in_progress:unplanned"].y) == [4]
    assert numbers(figure.layout.yaxis.tickvals) == list(range(6))
    assert found["dependencies"].marker.size["dtype"] == "u1"
    assert numbers(found["dependencies"].marker.size) == [0, 0, 9, 0, 0, 0, 9, 0]
    ys = numbers(found["dependencies"].y)
    assert ys[:3] == [1, 4, 4] and ys[3] != ys[3]  # NaN gap between arrows
