"""The demo project, for the conditional-request and cache tests."""

import pytest

from roadmap.demo.seed import DEMO_START, load_demo


@pytest.fixture
def demo(app):
    """Load the demo project; draw no chart in PDFs (fast)."""
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    with app.app_context():
        load_demo(DEMO_START)
    return app


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
