"""Read endpoints of the API, /api/v1/…, lists paginated and filtered like the pages."""

from collections import defaultdict
from datetime import date, timedelta

from flask import request
from flask_babel import gettext as _
from flask_smorest import Blueprint
from sqlalchemy import or_
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from roadmap.api import schemas as s
from roadmap.clock import today
from roadmap.conditional import conditional
from roadmap.extensions import db
from roadmap.months import Month
from roadmap.posts import commands as post_commands
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.reports import loading
from roadmap.reports.models import MonthlyReport, ReportVersion
from roadmap.schedule.critical import is_critical, total_floats
from roadmap.schedule.listing import DERIVED_FILTERS
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.schedule.queries import FILTERS, _filtered, load_rows, plan_network, read_filters
from roadmap.schedule.scheduling import Span
from roadmap.workshops.models import Outcome, Workshop

blp = Blueprint(
    "api_v1", __name__, url_prefix="/api/v1", description="The project, read and updated."
)

MilestonePage = s.page_schema(s.MilestoneSchema, "MilestonePage")
DependencyPage = s.page_schema(s.DependencySchema, "DependencyPage")
PostPage = s.page_schema(s.PostSchema, "PostPage")
WorkshopPage = s.page_schema(s.WorkshopSchema, "WorkshopPage")
OutcomePage = s.page_schema(s.OutcomeSchema, "OutcomePage")
ReportPage = s.page_schema(s.ReportSchema, "ReportPage")


def absolute(path: str) -> str:
    return request.url_root.rstrip("/") + path


def page_of(items: list, args: dict) -> dict:
    """Return one page of an already filtered list."""
    page, per_page = args["page"], args["per_page"]
    total = len(items)
    start = (page - 1) * per_page
    return {
        "items": items[start : start + per_page],
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": max(1, -(-total // per_page)),
    }


def paginate(query, args: dict) -> dict:
    """Return one page of a query, counted in the database."""
    result = db.paginate(query, page=args["page"], per_page=args["per_page"], error_out=False)
    return {
        "items": list(result.items),
        "page": args["page"],
        "per_page": args["per_page"],
        "total": result.total or 0,
        "pages": max(1, result.pages),
    }


def project_or_404() -> Project:
    """Return the project, or answer 404 while none is set up."""
    project = Project.current()
    if project is None:
        raise NotFound(_("No project is set up yet."))
    return project


def milestone_data(milestone: Milestone, on: date) -> dict:
    """Return a milestone with its derived health, slip, float and links, ready to dump."""
    data = {column.key: getattr(milestone, column.key) for column in Milestone.__table__.columns}
    total_float = plan_network()["floats"].get(milestone.id)
    data.update(
        total_float_days=total_float,
        critical=is_critical(total_float),
        is_point=milestone.is_point,
        health=milestone.health(on),
        slip_days=milestone.slip_days,
        late_days=milestone.late_days(on),
        predecessor_ids=[link.predecessor_id for link in milestone.predecessor_links],
        successor_ids=[link.successor_id for link in milestone.successor_links],
        url=absolute(f"/milestones/{milestone.id}"),
    )
    return data


def post_updates():
    """Return the loader option of a post's updates with their authors (two queries)."""
    return selectinload(BorderPost.updates).joinedload(PostUpdate.author)


def post_data(post: BorderPost) -> BorderPost:
    post.url = absolute(f"/posts/{post.id}")
    return post


def workshop_data(workshop: Workshop) -> Workshop:
    workshop.url = absolute(f"/workshops/{workshop.id}")
    return workshop


@blp.get("/project")
@blp.response(200, s.ProjectSchema)
def project():
    """Return the project."""
    return project_or_404()


@blp.get("/workstreams")
@conditional
@blp.response(200, s.WorkstreamSchema(many=True))
def workstreams():
    """List the workstreams in order."""
    # Counted in the database: loading every milestone to count them grows with the project.
    count = (
        db.select(db.func.count(Milestone.id))
        .where(Milestone.workstream_id == Workstream.id)
        .scalar_subquery()
    )
    query = db.select(Workstream, count).order_by(Workstream.position, Workstream.id)
    return [
        {
            "id": stream.id,
            "name": stream.name,
            "position": stream.position,
            "milestone_count": milestones,
        }
        for stream, milestones in db.session.execute(query)
    ]


@blp.get("/milestones")
@conditional
@blp.arguments(s.MilestoneArgs, location="query")
@blp.response(200, MilestonePage)
def milestones(args):
    """List milestones with health, slip and float, filtered like the milestones page.

    Filters: workstream, country, status, health, due (unfinished milestones
    ending within that many days of today) and critical (the critical path only). With
    `as_of`, each milestone as it stood at the end of that day: its dates, progress and
    status from every fact effective by then, whenever it was entered, and its health
    as seen on that day.
    """
    if "as_of" in args:
        return _milestones_as_of(args)
    on = today()
    # The page's own filters, so the list and the API never disagree.
    filters = read_filters({name: str(args[name]) for name in FILTERS if name in args})
    if any(name in filters for name in DERIVED_FILTERS):
        rows = load_rows(filters, on)  # health is derived: every row, filtered in memory
        rows.sort(key=lambda row: (row["start"], row["position"], row["id"]))
        result = page_of(rows, args)
        ids = [row["id"] for row in result["items"]]
    else:  # counted and cut by the database: only the page's ids are read
        query = _filtered(db.select(Milestone.id).join(Milestone.workstream), filters)
        result = paginate(
            query.order_by(None).order_by(
                Milestone.current_start, Milestone.position, Milestone.id
            ),
            args,
        )
        ids = result["items"]
    # Whole records (with their links) only for the page's milestones.
    query = (
        db.select(Milestone)
        .where(Milestone.id.in_(ids))
        .options(selectinload(Milestone.predecessor_links), selectinload(Milestone.successor_links))
    )
    found = {milestone.id: milestone for milestone in db.session.scalars(query)}
    result["items"] = [milestone_data(found[key], on) for key in ids]
    return result


def _milestones_as_of(args) -> dict:
    """Answer the milestones list as of a past day (see milestones())."""
    day = min(args["as_of"], today())  # nothing is known yet of a later day
    state = loading.state_at_end_of(day)
    predecessors, successors = defaultdict(list), defaultdict(list)
    links = list(state.get("milestone_dependency", {}).values())
    for link in links:
        predecessors[link["successor_id"]].append(link["predecessor_id"])
        successors[link["predecessor_id"]].append(link["successor_id"])
    # The float of the plan as it stood, not of today's.
    floats = total_floats(
        {
            ms["id"]: Span(ms["current_start"], ms["current_end"], ms["status"])
            for ms in state.get("milestone", {}).values()
        },
        [(ln["predecessor_id"], ln["successor_id"], ln.get("lag_days") or 0) for ln in links],
    )
    columns = [column.key for column in Milestone.__table__.columns]
    due_by = day + timedelta(days=args["due"]) if "due" in args else None
    rows = []
    for then in state.get("milestone", {}).values():
        # A milestone as it stood, never added to the session: the model's own rules
        # (health, slip, late days) read it as they read a stored one.
        data = milestone_data(Milestone(**{name: then.get(name) for name in columns}), day)
        data.update(
            predecessor_ids=sorted(predecessors[data["id"]]),
            successor_ids=sorted(successors[data["id"]]),
            total_float_days=floats.get(data["id"]),
            critical=is_critical(floats.get(data["id"])),
        )
        wanted = {"workstream": "workstream_id", "country": "country", "status": "status"}
        if any(data[column] != args[name] for name, column in wanted.items() if name in args):
            continue
        if "health" in args and data["health"] != args["health"]:
            continue
        if due_by and not (
            data["status"] not in ("done", "cancelled") and day <= data["current_end"] <= due_by
        ):
            continue
        rows.append(data)
    rows.sort(key=lambda row: (row["current_start"], row["position"], row["id"]))
    return page_of(rows, args)


@blp.get("/milestones/<int(max=2147483647):milestone_id>")
@blp.response(200, s.MilestoneSchema)
def milestone(milestone_id):
    """Return one milestone with health and slip."""
    return milestone_data(
        db.get_or_404(
            Milestone,
            milestone_id,
            options=[
                selectinload(Milestone.predecessor_links),
                selectinload(Milestone.successor_links),
            ],
        ),
        today(),
    )


@blp.get("/dependencies")
@conditional
@blp.arguments(s.DependencyArgs, location="query")
@blp.response(200, DependencyPage)
def dependencies(args):
    """List finish-to-start dependencies, optionally those of one milestone."""
    query = db.select(MilestoneDependency).order_by(MilestoneDependency.id)
    if "milestone" in args:
        query = query.filter(
            or_(
                MilestoneDependency.predecessor_id == args["milestone"],
                MilestoneDependency.successor_id == args["milestone"],
            )
        )
    return paginate(query, args)


@blp.get("/posts")
@conditional
@blp.arguments(s.PostArgs, location="query")
@blp.response(200, PostPage)
def posts(args):
    """List border posts with their updates, filtered by country, stage, kind, priority.

    With `as_of`, each post as it stood at the end of that day: its stage, progress and
    spending from every fact effective by then, and the updates dated by then.
    """
    query = db.select(BorderPost).options(post_updates())
    if "as_of" in args:
        return _posts_as_of(query, args)
    for name in ("country", "stage", "kind", "priority"):
        if name in args:
            query = query.filter(getattr(BorderPost, name) == args[name])
    result = paginate(query.order_by(BorderPost.country, BorderPost.name, BorderPost.id), args)
    result["items"] = [post_data(post) for post in result["items"]]
    return result


def _posts_as_of(query, args) -> dict:
    """Answer the posts list as of a past day (see posts())."""
    day = min(args["as_of"], today())  # nothing is known yet of a later day
    state = loading.state_at_end_of(day)
    posts, updates = state.get("border_post", {}), state.get("post_update", {})
    rows = []
    for post in db.session.scalars(
        query.order_by(BorderPost.country, BorderPost.name, BorderPost.id)
    ):
        then = posts.get(post.id)
        if then is None:
            continue  # not there yet on that day
        dated = sorted(
            (u for u in post.updates if u.id in updates and u.date <= day),
            key=lambda u: (u.date, u.id),
        )
        stage, progress = (
            (dated[-1].stage, dated[-1].progress) if dated else (then["stage"], then["progress"])
        )
        row = {**{name: getattr(post, name) for name in POST_FIELDS}, **then}
        row.update(stage=stage, progress=progress, updates=dated, url=absolute(f"/posts/{post.id}"))
        row["over_budget"] = bool(
            row.get("spent") and row.get("estimated_cost") and row["spent"] > row["estimated_cost"]
        )
        if all(
            row.get(name) == args[name]
            for name in ("country", "stage", "kind", "priority")
            if name in args
        ):
            rows.append(row)
    return page_of(rows, args)


# A post as the list shows it: what its form edits, with its id and version.
POST_FIELDS = ("id", *post_commands.POST_FIELDS, "version")


@blp.get("/posts/<int(max=2147483647):post_id>")
@blp.response(200, s.PostSchema)
def post(post_id):
    """Return one border post with its updates."""
    return post_data(db.get_or_404(BorderPost, post_id, options=[post_updates()]))


@blp.get("/workshops")
@conditional
@blp.arguments(s.PageArgs, location="query")
@blp.response(200, WorkshopPage)
def workshops(args):
    """List workshops with participation."""
    query = (
        db.select(Workshop)
        .order_by(Workshop.start_date, Workshop.id)
        .options(selectinload(Workshop.participation), selectinload(Workshop.outcomes))
    )
    result = paginate(query, args)
    result["items"] = [workshop_data(workshop) for workshop in result["items"]]
    return result


@blp.get("/workshops/<int(max=2147483647):workshop_id>")
@blp.response(200, s.WorkshopSchema)
def workshop(workshop_id):
    """Return one workshop with participation."""
    return workshop_data(
        db.get_or_404(
            Workshop,
            workshop_id,
            options=[selectinload(Workshop.participation), selectinload(Workshop.outcomes)],
        )
    )


@blp.get("/outcomes")
@conditional
@blp.arguments(s.OutcomeArgs, location="query")
@blp.response(200, OutcomePage)
def outcomes(args):
    """List workshop outcomes, filtered by workshop, kind and follow-up status."""
    query = db.select(Outcome).options(
        selectinload(Outcome.milestones), selectinload(Outcome.notes)
    )
    for name, column in (
        ("workshop", Outcome.workshop_id),
        ("kind", Outcome.kind),
        ("status", Outcome.status),
    ):
        if name in args:
            query = query.filter(column == args[name])
    return paginate(query.order_by(Outcome.workshop_id, Outcome.position, Outcome.id), args)


@blp.get("/outcomes/<int(max=2147483647):outcome_id>")
@blp.response(200, s.OutcomeSchema)
def outcome(outcome_id):
    """Return one outcome with its follow-up notes."""
    return db.get_or_404(Outcome, outcome_id)


def project_months(project: Project, on: date) -> list[Month]:
    """Return each month of the project (and the one after it) begun by `on`."""
    return [m for m in Month.span(project.start_date, project.end_date) if m.start <= on]


def report_data(month: str, report: MonthlyReport | None) -> dict:
    versions = report.versions if report else []
    return {
        "month": month,
        "state": "issued" if versions else "draft",
        "issued_versions": versions,
        "html_url": absolute(f"/reports/{month}"),
        "pdf_url": absolute(f"/reports/{month}.pdf"),
        "xlsx_url": absolute(f"/reports/{month}.xlsx"),
    }


def reports_by_month() -> dict[str, MonthlyReport]:
    query = db.select(MonthlyReport).options(
        selectinload(MonthlyReport.versions).selectinload(ReportVersion.files)
    )
    return {report.month: report for report in db.session.scalars(query)}


@blp.get("/reports")
@conditional
@blp.arguments(s.PageArgs, location="query")
@blp.response(200, ReportPage)
def reports(args):
    """List the monthly reports with their state and download links."""
    stored = reports_by_month()
    months = sorted(set(project_months(project_or_404(), today())) | set(stored))
    return page_of([report_data(month, stored.get(month)) for month in months], args)


@blp.get("/reports/<month:month>")
@blp.response(200, s.ReportSchema)
def report(month):
    """Return one month's report metadata and download links."""
    stored = reports_by_month()
    if month not in stored and month not in project_months(project_or_404(), today()):
        raise NotFound()
    return report_data(month, stored.get(month))
