"""The posts' figures, from plain values."""

from roadmap.charts.posts import STAGE_COLOURS, posts_map, progress_by_country
from roadmap.posts.models import STAGES

STAGE_NAMES = [(stage, stage.replace("_", " ").title()) for stage in STAGES]
POSTS = [
    {
        "name": "Gaya",
        "country_name": "Niger",
        "latitude": 11.88,
        "longitude": 3.45,
        "stage": "works_in_progress",
        "progress": 40,
    },
    {
        "name": "<b>Rosso</b>",
        "country_name": "Mauritania",
        "latitude": 16.51,
        "longitude": -15.81,
        "stage": "completed",
        "progress": 100,
    },
    {
        "name": "Diboli",
        "country_name": "Mali",
        "latitude": 14.47,
        "longitude": -12.19,
        "stage": "works_in_progress",
        "progress": 80,
    },
]


def test_progress_by_country_stacks_stages_and_marks_the_average():
    figure = progress_by_country(
        {"NER": {"works_in_progress": 2, "assessed": 1}, "MLI": {"completed": 1}},
        {"NER": 33.3, "MLI": 100},
        countries=[("MLI", "Mali"), ("NER", "Niger")],
        stages=STAGE_NAMES,
        title="Posts",
        count_axis="Posts",
        average_label="Average",
        average_axis="%",
    )
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert [bar.name for bar in bars] == [name for _code, name in STAGE_NAMES]
    assert figure.layout.barmode == "stack"
    works = bars[STAGES.index("works_in_progress")]
    assert list(works.x) == ["Mali", "Niger"] and list(works.y) == [0, 2]
    assert works.marker.color == STAGE_COLOURS["works_in_progress"]
    (average,) = [trace for trace in figure.data if trace.type == "scatter"]
    assert list(average.y) == [100, 33]
    assert average.yaxis == "y2"
    assert list(average.text) == ["100 %", "33 %"]


def test_map_tints_the_countries_and_draws_one_marker_per_post_by_stage():
    figure = posts_map(
        POSTS,
        tinted=[("MLI", "Mali"), ("NER", "Niger"), ("MRT", "Mauritania"), ("BFA", "Burkina Faso")],
        stages=STAGE_NAMES,
        title="Map",
        stage_word="Stage",
        progress_word="Progress",
    )
    choropleth = figure.data[0]
    assert choropleth.type == "choropleth"
    assert choropleth.locationmode == "ISO-3"
    assert list(choropleth.locations) == ["MLI", "NER", "MRT", "BFA"]
    markers = [trace for trace in figure.data if trace.type == "scattergeo"]
    # one trace per stage present, named after it, so the legend names every colour
    assert [trace.name for trace in markers] == ["Works In Progress", "Completed"]
    assert sum(len(trace.lon) for trace in markers) == len(POSTS)
    assert markers[0].marker.color == STAGE_COLOURS["works_in_progress"]
    assert list(markers[0].lon) == [3.45, -12.19]
    assert "Stage: %{customdata[1]}" in markers[0].hovertemplate
    assert "Progress: %{customdata[2]} %" in markers[0].hovertemplate
    # user text is shown as typed, never read as markup
    assert list(markers[1].text) == ["&lt;b&gt;Rosso&lt;/b&gt;"]
    geo = figure.layout.geo
    assert geo.scope == "africa"
    assert tuple(geo.lonaxis.range) == (-18, 17) and tuple(geo.lataxis.range) == (9, 28)


def test_stage_colours_are_distinct_okabe_ito():
    assert len(set(STAGE_COLOURS.values())) == len(STAGES)
    assert set(STAGE_COLOURS) == set(STAGES)
