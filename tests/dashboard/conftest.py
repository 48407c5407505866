"""The demo project, for the dashboard's page and cache tests."""

import pytest

from roadmap.demo.seed import DEMO_START, load_demo


@pytest.fixture
def demo(app):
    """Load the demo project; draw no chart in PDFs (fast)."""
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    with app.app_context():
        load_demo(DEMO_START)
    return app
