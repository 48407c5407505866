def test_login_page(client):
    assert client.get("/login").status_code == 200


def test_login_and_dashboard(client, auth):
    response = auth.login()
    assert response.status_code == 302
    assert client.get("/").status_code == 200
