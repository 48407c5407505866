"""Logged-in clients on the demo project (tests/conftest.py), for the cache tests."""

import pytest


@pytest.fixture
def login_as(demo):
    """Return a function giving a new client logged in with a role."""

    def login(role: str):
        client = demo.test_client()
        response = client.post(
            "/login", data={"email": f"{role}@example.org", "password": f"{role}-pass-2026"}
        )
        assert response.status_code == 302
        return client

    return login
