"""How long one monthly report PDF takes: cold (browser start), warm, and warm with cached charts.

Run: .venv/bin/python benchmarks/report_pdf.py [YYYY-MM]
Uses an in-memory SQLite database with the demo project (history dated at the
project start) and Debian's Chromium for the charts.
"""

import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import time_machine  # noqa: E402

from config import TestingConfig  # noqa: E402
from roadmap import create_app  # noqa: E402
from roadmap.charts import export  # noqa: E402
from roadmap.extensions import db  # noqa: E402


def timed(label, action):
    started = time.perf_counter()
    result = action()
    print(f"{label:<40} {time.perf_counter() - started:6.2f} s")
    return result


def main(month="2026-07"):
    app = create_app(TestingConfig)
    with app.app_context():
        db.create_all()
        from roadmap.demo.seed import DEMO_START, load_demo

        with time_machine.travel(datetime.combine(DEMO_START, datetime.min.time(), UTC)):
            load_demo(DEMO_START)
    from roadmap.reports import issuing
    from roadmap.reports.pdf import chart_images, render_pdf

    with app.test_request_context(f"/reports/{month}"):
        today = date.fromisoformat(app.config["ROADMAP_TODAY"])
        report = timed("build the report (snapshot + content)", lambda: issuing.build_report(
            month, today))
        data = timed("PDF, cold (starts Chromium)", lambda: render_pdf(report, {}))
        export.clear_cache()
        timed("PDF, warm (charts drawn again)", lambda: render_pdf(report, {}))
        timed("PDF, warm (charts cached)", lambda: render_pdf(report, {}))
        export.clear_cache()
        timed("  of which: the 5 charts to SVG", lambda: chart_images(report))
        from io import BytesIO

        from pypdf import PdfReader

        print(f"{'pages':<40} {len(PdfReader(BytesIO(data)).pages):6d}")
        print(f"{'bytes':<40} {len(data):6d}")
    export.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
