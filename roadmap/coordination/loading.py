"""The coordination's data as plain values, read in a few queries and kept per data version."""

from sqlalchemy import select

from roadmap.caching import cached
from roadmap.coordination import rules
from roadmap.coordination.models import Activity, Assessment, Partner, RankOverride
from roadmap.coordination.vocab import DEFAULT_WEIGHTS
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Project


def weights() -> dict:
    """Return the project's weight of each criterion (the defaults until it sets its own)."""
    project = Project.current()
    return dict((project.assessment_weights if project else None) or DEFAULT_WEIGHTS)


def partners() -> list[dict]:
    rows = db.session.scalars(select(Partner).order_by(Partner.name)).all()
    return [
        {
            "id": p.id,
            "name": p.name,
            "acronym": p.acronym,
            "short": p.short,
            "org_type": p.org_type,
            "country": p.country,
            "iati_ref": p.iati_ref,
            "contact": p.contact,
            "website": p.website,
            "participates": p.participates,
            "version": p.version,
        }
        for p in rows
    ]


def activities() -> list[dict]:
    rows = db.session.execute(
        select(Activity, Partner.name, Partner.acronym, BorderPost.name)
        .join(Partner, Activity.partner_id == Partner.id)
        .outerjoin(BorderPost, Activity.post_id == BorderPost.id)
        .order_by(Partner.name, Activity.start_date, Activity.id)
    ).all()
    return [
        {
            "id": a.id,
            "partner_id": a.partner_id,
            "partner": acronym or name,
            "partner_name": name,
            "sector": a.sector,
            "post_id": a.post_id,
            "post": post_name,
            "country": a.country,
            "status": a.status,
            "start_date": a.start_date,
            "end_date": a.end_date,
            "note": a.note,
            "version": a.version,
        }
        for a, name, acronym, post_name in rows
    ]


def assessments() -> list[dict]:
    rows = db.session.scalars(
        select(Assessment).order_by(Assessment.post_id, Assessment.assessed_on, Assessment.id)
    ).all()
    return [
        {
            "id": a.id,
            "post_id": a.post_id,
            "assessed_on": a.assessed_on,
            "assessor": a.assessor,
            "scores": dict(a.scores or {}),
            "needs": list(a.needs or []),
            "comment": a.comment,
            "version": a.version,
        }
        for a in rows
    ]


def _build_priorities() -> list[dict]:
    weighting = weights()
    by_post: dict[int, list] = {}
    for assessment in assessments():
        by_post.setdefault(assessment["post_id"], []).append(assessment)
    overrides = {
        o.post_id: (o.rank, o.reason, o.version)
        for o in db.session.scalars(select(RankOverride)).all()
    }
    posts = []
    for post_id, name, country, typed in db.session.execute(
        select(BorderPost.id, BorderPost.name, BorderPost.country, BorderPost.priority)
    ).all():
        last = rules.latest(by_post.get(post_id, []))
        score = rules.priority_score(last["scores"], weighting) if last else None
        rank, reason, version = overrides.get(post_id, (None, "", None))
        posts.append(
            {
                "id": post_id,
                "name": name,
                "country": country,
                "typed": typed,
                "score": score,
                "priority": rules.priority_word(score, typed),
                "needs": last["needs"] if last else [],
                "assessment": last,
                "assessed_on": last["assessed_on"] if last else None,
                "override": rank,
                "override_reason": reason,
                "override_version": version,
            }
        )
    return rules.rank(posts)


def priorities() -> list[dict]:
    """Return every post ranked by the weighted score of its latest assessment and the overrides."""
    return cached("post_priorities", _build_priorities)


def priorities_by_post() -> dict[int, dict]:
    return {row["id"]: row for row in priorities()}


def partners_by_post() -> dict[int, list[str]]:
    """Return the partners active (planned or ongoing) at each post, for the map."""
    active: dict[int, set] = {}
    for activity in activities():
        if activity["post_id"] and activity["status"] in rules.ACTIVE_STATUSES:
            active.setdefault(activity["post_id"], set()).add(activity["partner"])
    return {post_id: sorted(names) for post_id, names in active.items()}
