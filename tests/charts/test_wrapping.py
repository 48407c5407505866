"""Long French labels wrap on two lines in the chart; the hover keeps the whole label."""

from roadmap.charts.workshops import outcome_status_by_responsible
from roadmap.charts.wrapping import wrap

PARTY = "Ministère de l'Intérieur, de la Sécurité publique et de la Décentralisation"


def test_a_short_label_stays_as_it_is():
    assert wrap("Niger") == "Niger"


def test_a_long_label_wraps_and_is_cut_after_two_lines():
    lines = wrap(PARTY).split("<br>")
    assert len(lines) == 2 and all(len(line) <= 24 for line in lines)
    assert lines[0] == "Ministère de"
    assert lines[1].endswith("…")


def test_escaped_text_is_never_split_inside_an_entity():
    assert "&amp;" in wrap("Ponts &amp; chaussées du Niger et du Burkina Faso")


def test_the_outcome_chart_shows_short_rows_and_hovers_the_whole_party():
    figure = outcome_status_by_responsible(
        {PARTY: {"completed": 2}}, {"completed": "Réalisé"}, title="Suivi", x_title="Résultats"
    )
    (trace,) = figure.data
    assert "<br>" in trace.y[0]
    assert trace.customdata[0] == PARTY
    assert "%{customdata}" in trace.hovertemplate
