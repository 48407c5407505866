"""Every chart carries our small template, never plotly's default (7 KB in each figure's JSON)."""

import json
from datetime import date

import pytest

from roadmap.charts import TEMPLATE, posts, workshops
from roadmap.charts.scurve import scurve_figure
from roadmap.posts.models import STAGES as POST_STAGES
from roadmap.schedule.scurve import SCurve

STAGES = [(stage, stage.replace("_", " ").title()) for stage in POST_STAGES]


def figures():
    day = date(2026, 6, 30)
    yield "scurve", scurve_figure(SCurve([day], [10.0], [8.0]), day)
    yield (
        "posts by country",
        posts.progress_by_country(
            {"NER": {"works_in_progress": 2}},
            {"NER": 40},
            countries=[("NER", "Niger")],
            stages=STAGES,
            title="Posts",
            count_axis="Posts",
            average_label="Average",
            average_axis="%",
        ),
    )
    yield (
        "posts map",
        posts.posts_map(
            [
                {
                    "name": "Makalondi",
                    "country_name": "Niger",
                    "latitude": 12.8,
                    "longitude": 1.7,
                    "stage": "works_in_progress",
                    "progress": 40,
                }
            ],
            tinted=[("NER", "Niger")],
            stages=STAGES,
            title="Map",
            stage_word="Stage",
            progress_word="Progress",
        ),
    )
    yield (
        "delegates",
        workshops.delegates_by_country(
            {"NER": {"women": 3, "men": 4}},
            {"NER": "Niger"},
            {"women": "Women", "men": "Men"},
            title="Delegates",
            x_title="People",
        ),
    )
    yield (
        "women share",
        workshops.women_share(
            {"NER": 42.0}, {"NER": "Niger"}, title="Women", x_title="%", overall=42.0
        ),
    )
    yield (
        "outcomes",
        workshops.outcome_status_by_responsible(
            {"IOM": {"in_progress": 2}},
            {"in_progress": "In progress"},
            title="Outcomes",
            x_title="Outcomes",
        ),
    )


@pytest.mark.parametrize(
    ("name", "figure"), list(figures()), ids=lambda value: value if isinstance(value, str) else ""
)
def test_each_chart_carries_our_template_only(name, figure):
    template = json.loads(figure.to_json())["layout"]["template"]
    assert "data" not in template, name  # plotly's default styles every trace type
    assert template["layout"]["colorway"] == TEMPLATE["layout"]["colorway"]
    assert template["layout"]["plot_bgcolor"] == "#ffffff"
    assert len(json.dumps(template)) < 1000
