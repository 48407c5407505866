"""Helpers of the three journeys: clicking through the nav, reading charts, finding English."""

import re

from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.reports.models import MonthlyReport
from roadmap.schedule.models import Milestone, Project, Workstream
from roadmap.workshops.models import Outcome, OutcomeNote, Workshop

# English interface words and phrases that a French page must not show (case-sensitive,
# whole words). Words spelt the same in both languages (Date, Menu, Gantt, Total, Note,
# Participation, Relation, version…) are left out.
ENGLISH = [
    # navigation and buttons
    "Dashboard",
    "Milestones",
    "Milestone",
    "Posts",
    "Border posts",
    "Workshops",
    "Workshop",
    "Reports",
    "Report",
    "History",
    "Project",
    "Accounts",
    "Log out",
    "Log in",
    "Save",
    "Cancel",
    "Edit",
    "Delete",
    "Remove",
    "Add",
    "Apply filters",
    "Record an update",
    "Record the update",
    "Add a follow-up note",
    "Add the note",
    "Download",
    "Download PDF",
    "Download XLSX",
    "Skip to content",
    "Previous",
    "Next",
    "Show all",
    "Set baseline",
    "New milestone",
    # labels
    "Status",
    "Progress",
    "Stage",
    "Comment",
    "Owner",
    "Country",
    "Start",
    "End",
    "Title",
    "Workstream",
    "Health",
    "Slip",
    "Complete",
    "Baseline",
    "Today",
    "Planned",
    "Actual",
    "Done",
    "In progress",
    "Late",
    "On track",
    "At risk",
    "Cancelled",
    "Overdue",
    "Due",
    "Time elapsed",
    "Work complete",
    "Work done",
    "Behind schedule",
    "Dependency",
    "Dependencies",
    "Predecessor",
    "Successor",
    "Schedule",
    "Links",
    "None",
    "Latest changes",
    "What changed since your last visit",
    "Latest issued report",
    "Workshop follow-up",
    "of recommendations implemented",
    "handed over",
    "Handed over",
    "Identified",
    "Assessed",
    "Designed",
    "Procured",
    "Works in progress",
    "Completed",
    "Not started",
    "Constrained",
    "Discontinued",
    "Recommendation",
    "Decision",
    "Action item",
    "Physical progress",
    "Number of posts",
    "Average physical progress",
    "Cumulative",
    "Outcomes register",
    "Follow-up notes",
    "Responsible party",
    "Due date",
    "Women",
    "Men",
    "Government",
    "Partner",
    "Other",
    "Who",
    "What",
    "When",
    "Changes",
    "Reason",
    "Created",
    "Changed",
    "Deleted",
    "Month",
    "Quarter",
    "Whole project",
    "Issued",
    "Draft",
    "behind the baseline",
    "ahead of the baseline",
    "on the baseline",
    "week",
    "weeks",
    "day",
    "days",
    "Filters",
    "All",
    "Land crossing",
    "River crossing",
    "Airport",
    "High",
    "Medium",
    "Low",
    "Summary",
    "Place",
    "Organiser",
    "Agenda",
    "State",
    "Downloads",
    "Not set",
    "Current dates",
    "Actual dates",
    "Lag (days)",
    "System",
    "No changes recorded",
    "Nothing has changed",
    # dates
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
]
# Names of other products, the same in every language.
PRODUCT_NAMES = ("MS Project", "ProjectLibre", "GanttProject")
# plotly.js's French locale abbreviates these months and days as English does.
SHARED_IN_CHARTS = {"Jan", "Mar", "Jun", "Jul", "Sep", "Oct", "Nov"}


def _pattern(words) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])|\b\d{1,2}:\d{2}\s?[AP]M\b")


ENGLISH_PATTERN = _pattern(ENGLISH)
CHART_PATTERN = _pattern([w for w in ENGLISH if w not in SHARED_IN_CHARTS])

# Visible text of the page, and the text plotly.js drew in each chart's SVG (axes, legends).
VISIBLE_TEXT = """
() => {
  const inChart = n => n.parentElement && n.parentElement.closest('.js-plotly');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const text = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || inChart(node) || parent.closest('script, style, template')) { continue; }
    if (!parent.checkVisibility({checkVisibilityCSS: true}) && parent.tagName !== 'OPTION') {
      continue;
    }
    if (node.textContent.trim()) { text.push(node.textContent); }
  }
  const charts = [...document.querySelectorAll('.js-plotly svg text')]
    .map(t => t.textContent).filter(Boolean);
  return {text: text.join(' | '), charts};
}
"""
ALL_CHARTS_DRAWN = """
() => [...document.querySelectorAll('.js-plotly')].every(el => el.dataset.drawn === 'true')
"""
# For each milestone bar of a Gantt figure: its title, start and hover text.
GANTT_BARS = """
(id) => {
  const gd = document.getElementById(id);
  const bars = {};
  gd._fullData.forEach(trace => {
    const layer = (trace.meta && trace.meta.layer) || '';
    if (!/^(current|point):/.test(layer)) { return; }
    const starts = trace.base || trace.x;
    (trace.hovertext || []).forEach((title, i) => {
      bars[title] = {start: String(starts[i]), text: String(trace.text[i])};
    });
  });
  return bars;
}
"""


def data_strings(app) -> list[str]:
    """Return every text users typed (titles, names, notes…): data, not interface."""
    columns = [
        Milestone.title,
        Milestone.description,
        Milestone.owner,
        Workstream.name,
        BorderPost.name,
        BorderPost.contractor,
        BorderPost.notes,
        PostUpdate.comment,
        Workshop.title,
        Workshop.place,
        Workshop.organiser,
        Workshop.summary,
        Workshop.agenda,
        Outcome.text,
        Outcome.responsible,
        OutcomeNote.text,
        Project.name,
        Project.donor,
        Project.implementing_org,
        Project.summary,
        User.name,
        User.email,
        MonthlyReport.highlights,
        MonthlyReport.challenges,
        MonthlyReport.next_steps,
        HistoryEntry.label,
        HistoryEntry.user_name,
    ]
    found = set()
    with app.app_context():
        for column in columns:
            for value in db.session.scalars(select(column).distinct()):
                for part in str(value or "").splitlines():
                    if len(part.strip()) > 2:
                        found.add(part.strip())
    # Longest first, so a title is removed before a word inside it.
    return sorted(found, key=len, reverse=True)


def english_left(page, app) -> list[str]:
    """Return the English interface phrases left on the page (user data excluded)."""
    if page.locator(".js-plotly").count():
        page.wait_for_function(ALL_CHARTS_DRAWN)
    seen = page.evaluate(VISIBLE_TEXT)
    texts = [seen["text"], " | ".join(seen["charts"])]
    for value in data_strings(app):
        # The Gantt shortens long titles and workstreams with "…": strip those beginnings too.
        variants = {value, value[:37].rstrip(), value[:41].rstrip()}
        for variant in variants:
            if len(variant) > 2:
                texts = [t.replace(variant, " ") for t in texts]
    for name in PRODUCT_NAMES:
        texts = [t.replace(name, " ") for t in texts]
    found = []
    for text, pattern in zip(texts, (ENGLISH_PATTERN, CHART_PATTERN), strict=True):
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 30), match.end() + 30
            found.append(f"{match.group(0)!r} in …{text[start:end].strip()}…".replace("\n", " "))
    return found


def go(page, path: str) -> None:
    """Follow the main navigation's link to a section, as a user would."""
    page.click(f"nav a.nav-link[href='{path}']")
    page.wait_for_load_state()


def wait_charts(page) -> None:
    page.wait_for_function(ALL_CHARTS_DRAWN)


def gantt_bars(page, chart_id: str) -> dict:
    """Return {title: {start, text}} of the milestone bars drawn in a Gantt chart."""
    page.wait_for_selector(f"#{chart_id}[data-drawn='true']")
    return page.evaluate(GANTT_BARS, chart_id)
