"""The three journeys in Chromium: the manager's week, the donor's month, a newcomer in French.

Each journey clicks through the pages as a person would (the nav bar, links, buttons), saves
screenshots under tests/e2e/screenshots/, and fails on a JavaScript error or an outside request.
"""

import io
import re
from dataclasses import dataclass
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone
from roadmap.workshops.models import Outcome
from tests.browser import switch_to_french
from tests.e2e.journey_helpers import english_left, gantt_bars, go, wait_charts

pytestmark = pytest.mark.e2e

TODAY = date(2026, 8, 15)  # the live server's ROADMAP_TODAY
REPORT_MONTH = "2026-07"  # ended before today, so it can be issued
PHONE_WIDTH = 390
CHANGING_PATHS = re.compile(
    r"/(edit|new|delete|issue|baseline|participation|notes|dependencies)"
    r"(/|\?|#|$)"
)


@dataclass
class Week:
    """What the manager changes in one run of the journey (each run changes other records)."""

    marked: str  # title of the milestone marked 60 % done
    moved: str  # title of the milestone whose end moves, pushing its successor
    successor: str
    new_end: date
    post_index: int  # which of the posts in "procured" moves to works in progress
    comment: str
    outcome: str  # beginning of the outcome that gets a follow-up note
    note: str


ENGLISH_WEEK = Week(
    marked="Rehabilitation works, lot 1 (Niger and Burkina Faso)",
    moved="Procurement of works, lot 2",
    successor="Rehabilitation works, lot 2 (Mali and Mauritania)",
    new_end=date(2026, 10, 16),
    post_index=0,
    comment="Contractor mobilised on site; fencing started.",
    outcome="Hold a quarterly meeting",
    note="First meeting date agreed with the Secretariat.",
)
FRENCH_WEEK = Week(
    marked="Engineering designs, lot 2 (Mali and Mauritania)",
    moved="Workshop report and roadmap circulated to the governments",
    successor="National follow-up meetings on the recommendations",
    new_end=date(2026, 8, 31),
    post_index=1,
    comment="Entreprise installée sur le chantier.",
    outcome="Present the roadmap",
    note="Présentation prévue en septembre.",
)


class Journey:
    """Screenshots every page of a journey and, in French, lists the English left on it."""

    def __init__(self, guard, app, name, language="en"):
        self.guard, self.page, self.app = guard, guard.page, app
        self.name, self.language = name, language
        self.english = {}
        self.pages = []

    def saw(self, page_name: str) -> None:
        self.page.wait_for_load_state()
        if self.page.locator(".js-plotly").count():
            wait_charts(self.page)
        self.pages.append(page_name)
        self.guard.screenshot(f"{self.name}-{len(self.pages):02d}-{page_name}")
        if self.language == "fr":
            assert self.page.locator("html").get_attribute("lang") == "fr", page_name
            left = english_left(self.page, self.app)
            if left:
                self.english[page_name] = left

    def done(self) -> None:
        assert self.guard.outside_requests == []
        assert self.guard.console_errors == []


def one(app, model, *where):
    with app.app_context():
        return db.session.scalars(select(model).where(*where).order_by(model.id)).first()


def milestone(app, title) -> Milestone:
    found = one(app, Milestone, Milestone.title.startswith(title))
    assert found is not None, title
    return found


def history_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(HistoryEntry))


def save(page, url_pattern) -> None:
    """Press the page's main submit button and wait for the redirect."""
    page.click("main form[method=post] button.btn-primary[type=submit]")
    page.wait_for_url(url_pattern)


def manager_week(journey: Journey, week: Week) -> None:
    """Log a week of work: progress, a moved end, a post's stage, a follow-up note; see it all."""
    page, app = journey.page, journey.app
    journey.saw("dashboard")

    # 1. Mark a milestone 60 % done through its edit form.
    marked = milestone(app, week.marked)
    go(page, "/milestones")
    journey.saw("milestones")
    page.click(f"main a[href='/milestones/{marked.id}']")
    journey.saw("milestone")
    page.click(f"main a[href='/milestones/{marked.id}/edit']")
    journey.saw("milestone-edit")
    page.fill("#percent_complete", "60")
    save(page, re.compile(rf"/milestones/{marked.id}$"))
    journey.saw("milestone-saved")
    assert page.locator(".alert-success").count() == 1
    assert page.locator("main .progress").get_attribute("aria-valuenow") == "60"

    # 2. Move a milestone's end: its successor is pushed later.
    moved, successor = milestone(app, week.moved), milestone(app, week.successor)
    go(page, "/milestones")
    page.click(f"main a[href='/milestones/{moved.id}']")
    page.click(f"main a[href='/milestones/{moved.id}/edit']")
    page.fill("#current_end", week.new_end.isoformat())
    save(page, re.compile(rf"/milestones/{moved.id}$"))
    journey.saw("milestone-moved")
    assert page.locator(".alert-info").count() == 1  # "… later milestone(s) were pushed"
    page.click(f"main a[href='/milestones/{successor.id}']")
    journey.saw("successor-pushed")
    pushed = milestone(app, week.successor)
    assert pushed.current_start > successor.current_start and pushed.pushed_by_id == moved.id
    assert page.locator(f".alert-info a[href='/milestones/{moved.id}']").count() == 1

    # 3. Record a post moving to "works in progress", with a comment.
    with app.app_context():
        post = db.session.scalars(
            select(BorderPost).where(BorderPost.stage == "procured").order_by(BorderPost.id)
        ).all()[week.post_index]
    go(page, "/posts")
    journey.saw("posts")
    page.locator(f"main a[href='/posts/{post.id}']").first.click()
    journey.saw("post")
    page.click(f"main a[href='/posts/{post.id}/updates/new']")
    journey.saw("post-update-form")
    page.select_option("#stage", "works_in_progress")
    page.fill("#progress", "5")
    page.fill("#comment", week.comment)
    save(page, re.compile(rf"/posts/{post.id}$"))
    journey.saw("post-updated")
    assert page.locator("main .badge-stage-works_in_progress").count() >= 1
    assert week.comment in page.locator("main").inner_text()

    # 4. Add a follow-up note to a workshop outcome.
    outcome = one(app, Outcome, Outcome.text.startswith(week.outcome))
    go(page, "/workshops")
    journey.saw("workshops")
    page.locator(f"main a[href='/workshops/{outcome.workshop_id}']").first.click()
    journey.saw("workshop")
    card = page.locator(f"#outcome-{outcome.id}")
    card.locator("summary").click()
    if not card.locator("input[type=date]").input_value():
        card.locator("input[type=date]").fill(TODAY.isoformat())
    card.locator("select").select_option("in_progress")
    card.locator("textarea").fill(week.note)
    card.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/workshops/{outcome.workshop_id}#outcome-{outcome.id}$"))
    journey.saw("workshop-noted")
    assert week.note in page.locator(f"#outcome-{outcome.id}").inner_text()

    # 5. See each change on the Gantt, the dashboard and the history.
    go(page, "/gantt")
    journey.saw("gantt")
    bars = gantt_bars(page, "gantt")
    assert re.search(r"\b60\s?%", bars[marked.title]["text"]), bars[marked.title]
    assert bars[successor.title]["start"].startswith(pushed.current_start.isoformat())

    go(page, "/")
    journey.saw("dashboard-after")
    changes = page.locator("#dash-changes").inner_text()
    for text in (marked.title, moved.title, successor.title, post.name, week.note[:60]):
        assert text in changes, text
    assert re.search(r"\b60\s?%", gantt_bars(page, "chart-gantt")[marked.title]["text"])

    go(page, "/history")
    journey.saw("history")
    history = page.locator("main").inner_text()
    for text in (marked.title, moved.title, successor.title, post.name, week.comment, week.note):
        assert text in history, text


def assert_read_only(page) -> None:
    """Find no form that posts (but logout and the language switch) and no edit link."""
    forms = page.evaluate("""() => [...document.forms].map(f => ({
        method: (f.getAttribute('method') || 'get').toLowerCase(),
        action: f.getAttribute('action') || ''}))""")
    posting = [f["action"] for f in forms if f["method"] == "post"]
    assert sorted(posting) == ["/language", "/logout"], forms
    links = page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
    )
    assert [href for href in links if CHANGING_PATHS.search(href)] == []
    # Every other button only filters, zooms, opens the menu or draws (never a submit that posts).
    buttons = page.evaluate("""() => [...document.querySelectorAll('button, input[type=submit]')]
        .filter(b => b.form && (b.form.getAttribute('method') || '').toLowerCase() === 'post')
        .map(b => b.form.getAttribute('action'))""")
    assert set(buttons) <= {"/language", "/logout"}


def forged_posts_are_refused(page, base_url, app) -> None:
    """Post as the viewer with the page's cookies, with and without a CSRF token: refused."""
    marked = milestone(app, ENGLISH_WEEK.marked)
    post = one(app, BorderPost, BorderPost.id > 0)
    outcome = one(app, Outcome, Outcome.id > 0)
    token = page.locator("form[action='/logout'] input[name=csrf_token]").input_value()
    targets = [
        (f"/milestones/{marked.id}/edit", {"percent_complete": "99", "title": "Forged"}),
        (f"/milestones/{marked.id}/delete", {}),
        (f"/posts/{post.id}/updates/new", {"stage": "handed_over", "progress": "100"}),
        (f"/workshops/outcomes/{outcome.id}/notes", {"text": "Forged", "status": "completed"}),
        (f"/reports/{REPORT_MONTH}/issue", {"reason": "Forged"}),
        ("/milestones/new", {"title": "Forged"}),
    ]
    before = history_count(app)
    for path, form in targets:
        for with_token in (False, True):
            data = {**form, **({"csrf_token": token} if with_token else {})}
            response = page.request.post(f"{base_url}{path}", form=data, max_redirects=0)
            assert response.status in (400, 403), (path, with_token, response.status)
    assert history_count(app) == before


def download(page, selector) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def donor_month(journey: Journey) -> tuple[bytes, bytes]:
    """Read the dashboard and the Gantt, change nothing, download the last issued report."""
    page, app = journey.page, journey.app
    journey.saw("dashboard")
    assert_read_only(page)
    assert page.locator("#dash-report a#report-pdf").count() == 1
    go(page, "/gantt")
    journey.saw("gantt")
    assert_read_only(page)
    forged_posts_are_refused(page, journey.guard.base_url, app)
    go(page, "/reports")
    journey.saw("reports")
    assert_read_only(page)
    go(page, "/")
    pdf = download(page, "#report-pdf")
    xlsx = download(page, "#report-xlsx")
    assert pdf.startswith(b"%PDF")
    assert xlsx.startswith(b"PK")
    on_a_phone(journey)
    return pdf, xlsx


def on_a_phone(journey: Journey) -> None:
    """Reload the dashboard 390 px wide: the columns stack and the charts shrink to fit."""
    page = journey.page
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.reload()
    journey.saw("dashboard-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    widths = page.evaluate("""() => [...document.querySelectorAll('.js-plotly .main-svg')]
        .map(svg => svg.getBoundingClientRect().width)""")
    assert widths and max(widths) <= PHONE_WIDTH
    page.set_viewport_size({"width": 1280, "height": 900})


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def workbook_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


@pytest.fixture(scope="module")
def issued_report(live_server):
    """July's report, issued by the demo (roadmap/demo/reports.py); built on first download."""
    return REPORT_MONTH


def test_the_managers_week(guarded_page, live_server):
    guarded_page.login("manager")
    journey = Journey(guarded_page, live_server.app, "j1-manager")
    manager_week(journey, ENGLISH_WEEK)
    journey.done()


def test_the_donor_liaisons_month(guarded_page, live_server, issued_report):
    guarded_page.login("viewer")
    journey = Journey(guarded_page, live_server.app, "j2-donor")
    pdf, xlsx = donor_month(journey)
    assert "Monthly report" in pdf_text(pdf) and "July 2026" in pdf_text(pdf)
    assert "July 2026" in workbook_text(xlsx) or "2026-07" in workbook_text(xlsx)
    journey.done()


def test_a_newcomer_in_french(guarded_page, live_server, issued_report):
    guard, app = guarded_page, live_server.app
    guard.login("manager")
    switch_to_french(guard.page)
    manager = Journey(guard, app, "j3-fr-manager", "fr")
    manager_week(manager, FRENCH_WEEK)

    guard.page.click("nav form[action='/logout'] button")
    guard.page.wait_for_load_state()
    guard.login("viewer")
    if guard.page.locator("html").get_attribute("lang") != "fr":
        switch_to_french(guard.page)
    donor = Journey(guard, app, "j3-fr-donor", "fr")
    pdf, xlsx = donor_month(donor)

    report = pdf_text(pdf)
    assert "Rapport mensuel" in report and "juillet 2026" in report
    assert "Monthly report" not in report
    english = {f"manager/{name}": found for name, found in manager.english.items()}
    english.update({f"donor/{name}": found for name, found in donor.english.items()})
    assert english == {}, "\n".join(f"{name}: {found}" for name, found in english.items())
    manager.done()
