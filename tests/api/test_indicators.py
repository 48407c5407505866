"""The indicators API lists the demo's indicators with their periods."""


def test_the_demo_indicators_with_their_periods(demo, client, auth):
    auth.login("viewer")
    listed = client.get("/api/v1/indicators").get_json()
    codes = [item["code"] for item in listed["items"]]
    assert {"OC.1", "1.1", "2.1", "3.1"} <= set(codes)
    trained = next(item for item in listed["items"] if item["code"] == "2.1")
    assert len(trained["periods"]) == 4
    assert trained["periods"][1]["actual"] == 18
    assert trained["periods"][1]["breakdown"]["sex"] == {"female": 8, "male": 10}
    one = client.get(f"/api/v1/indicators/{trained['id']}").get_json()
    assert one["code"] == "2.1"
    assert client.get("/api/v1/indicators/999999").status_code == 404
