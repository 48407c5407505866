"""The demo's results framework holds together with the demo's data."""

from datetime import date

from roadmap.results.framework import framework

DEMO_TODAY = date(2026, 8, 15)


def indicators(as_of):
    return {i["code"]: i for r in framework(as_of) for i in r["indicators"]}


def test_the_demo_has_an_outcome_and_four_outputs(demo):
    with demo.test_request_context():
        levels = [r["level"] for r in framework(DEMO_TODAY)]
        found = indicators(DEMO_TODAY)
    assert levels == ["outcome", "output", "output", "output", "output"]
    assert len(found) >= 6
    manual = [i for i in found.values() if i["source"] == "manual"]
    assert len(manual) >= 2
    assert all(len([p for p in i["periods"] if p["target"] is not None]) == 4 for i in manual)


def test_the_demo_actuals_as_of_its_today(demo):
    with demo.test_request_context():
        found = indicators(DEMO_TODAY)
    trained = found["2.1"]["current"]
    assert trained["actual"] == 18
    assert trained["breakdown"]["sex"] == {"female": 8, "male": 10}
    participants = found["3.1"]["current"]
    assert participants["actual"] > 0
    assert set(participants["breakdown"]) == {"sex", "country"}
    # Before the workshop nobody had taken part in it.
    assert found["3.1"]["periods"][0]["actual"] is None


def test_an_actual_measured_after_the_day_asked_is_not_known_then(demo):
    with demo.test_request_context():
        july = indicators(date(2026, 7, 31))
    assert july["2.1"]["current"]["actual"] is None
    assert july["4.1"]["current"]["actual"] == 9
