"""Workshop charts: data in, figure out, with the labels given and Okabe–Ito colours."""

from roadmap.charts import OKABE_ITO
from roadmap.charts.workshops import (
    STATUS_COLOURS,
    delegates_by_country,
    outcome_status_by_responsible,
    women_share,
)

COUNTRIES = {"MLI": "Mali", "NER": "Niger", "BFA": "Burkina Faso"}
SEXES = {"female": "Femmes", "male": "Hommes"}
STATUSES = {
    "not_started": "Non commencé",
    "in_progress": "En cours",
    "constrained": "Entravé",
    "completed": "Terminé",
    "discontinued": "Abandonné",
}


def test_delegates_stacked_by_sex():
    figure = delegates_by_country(
        {"MLI": {"female": 2, "male": 6}, "NER": {"female": 4, "male": 10}},
        COUNTRIES,
        SEXES,
        title="Participants par pays",
        x_title="Participants",
    )
    assert [trace.name for trace in figure.data] == ["Femmes", "Hommes"]
    assert figure.layout.barmode == "stack"
    assert figure.layout.title.text == "Participants par pays"
    assert figure.layout.xaxis.title.text == "Participants"
    # countries without data are left out, the others keep the given order
    assert figure.data[0].y == ("Mali", "Niger")
    assert figure.data[1].x == (6, 10)
    palette = set(OKABE_ITO.values())
    assert all(trace.marker.color in palette for trace in figure.data)


def test_empty_series_are_left_out():
    figure = delegates_by_country(
        {"MLI": {"government": 3, "partner": 0}},
        COUNTRIES,
        {"government": "Gouvernement", "partner": "Partenaire", "iom": "OIM"},
        title="t",
        x_title="x",
    )
    assert [trace.name for trace in figure.data] == ["Gouvernement"]


def test_women_share_with_overall_line():
    figure = women_share(
        {"MLI": 25.0, "NER": 40.0, "BFA": None},
        COUNTRIES,
        title="Part des femmes",
        x_title="Femmes",
        overall=32.5,
        overall_label="Ensemble : 33 %",
    )
    bars = figure.data[0]
    assert bars.y == ("Mali", "Niger")
    assert bars.x == (25.0, 40.0)
    assert list(figure.layout.xaxis.range) == [0, 100]
    assert figure.layout.shapes[0].x0 == 32.5
    assert figure.layout.annotations[0].text == "Ensemble : 33 %"


def test_outcome_status_per_responsible_party():
    figure = outcome_status_by_responsible(
        {
            "Gouvernement du Mali": {"constrained": 1},
            "OIM": {"completed": 2, "in_progress": 1},
        },
        STATUSES,
        title="Suivi par responsable",
        x_title="Résultats",
    )
    names = [trace.name for trace in figure.data]
    assert names == ["En cours", "Entravé", "Terminé"]
    # the party with most outcomes comes first
    assert figure.data[0].y == ("OIM", "Gouvernement du Mali")
    completed = figure.data[names.index("Terminé")]
    assert completed.x == (2, 0)
    assert completed.marker.color == STATUS_COLOURS["completed"]
    assert set(STATUS_COLOURS.values()) <= set(OKABE_ITO.values())
    # a figure is JSON-ready for the page
    assert figure.to_json()


def test_small_counts_get_whole_number_ticks():
    figure = outcome_status_by_responsible(
        {"OIM": {"completed": 2, "in_progress": 1}}, STATUSES, title="t", x_title="x"
    )
    assert figure.layout.xaxis.dtick == 1
    assert figure.layout.legend.traceorder == "normal"


def test_responsible_party_labels_are_escaped():
    from roadmap.charts.workshops import outcome_status_by_responsible

    figure = outcome_status_by_responsible(
        {'<a href="https://evil.example">IOM</a>': {"completed": 1}},
        {"completed": "Completed"},
        title="t",
        x_title="x",
    )
    labels = [str(value) for trace in figure.data for value in (trace.y or ())]
    assert labels and all("<a" not in value for value in labels)
    assert any("&lt;a" in value for value in labels)
