"""Adding a predecessor by number or title, with a few suggestions instead of every milestone."""

import html
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.schedule.forms import SUGGESTED_OTHERS, SUGGESTED_SAME_STREAM, milestone_number
from roadmap.schedule.models import MilestoneDependency
from tests import factories


@pytest.fixture
def plan(app):
    """Return ids: a target milestone in August, milestones before and after it, twins."""
    with app.app_context():
        project = factories.project()
        works = factories.workstream(project, "Works", 0)
        training = factories.workstream(project, "Training", 1)
        target = factories.milestone(
            works, "Works at Petelkolé", date(2026, 8, 1), date(2026, 9, 30)
        )
        survey = factories.milestone(works, "Site survey", date(2026, 6, 1), date(2026, 6, 30))
        tender = factories.milestone(training, "Tender", date(2026, 7, 1), date(2026, 7, 20))
        later = factories.milestone(training, "Handover", date(2026, 10, 1), date(2026, 10, 2))
        twins = [
            factories.milestone(training, "Review", date(2026, 5, 1), date(2026, 5, 2))
            for _ in range(2)
        ]
        already = factories.milestone(works, "Design", date(2026, 5, 1), date(2026, 5, 31))
        factories.dependency(already, target)
        db.session.commit()
        return {
            "target": target.id,
            "survey": survey.id,
            "tender": tender.id,
            "later": later.id,
            "twins": [twin.id for twin in twins],
            "already": already.id,
        }


def predecessors(app, milestone_id) -> set[int]:
    with app.app_context():
        return set(
            db.session.scalars(
                select(MilestoneDependency.predecessor_id).where(
                    MilestoneDependency.successor_id == milestone_id
                )
            )
        )


def add(client, milestone_id, reference, lag="0"):
    return client.post(
        f"/milestones/{milestone_id}/dependencies",
        data={"predecessor_id": reference, "lag_days": lag},
        follow_redirects=True,
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        (" #12 ", 12),
        ("#12 Site survey", 12),
        ("#12", 12),
        ("Site survey", None),
        ("2026 review", None),
        ("#x", None),
        ("", None),
        ("12345678901", None),
    ],
)
def test_milestone_number_reads_the_forms_a_reference_takes(text, number):
    assert milestone_number(text) == number


@pytest.mark.parametrize("how", ["number", "hash", "suggestion", "title"])
def test_a_predecessor_is_named_by_number_or_exact_title(client, auth, app, plan, how):
    survey = plan["survey"]
    reference = {
        "number": str(survey),
        "hash": f"#{survey}",
        "suggestion": f"#{survey} Site survey",
        "title": "Site survey",
    }[how]
    auth.login("manager")
    page = add(client, plan["target"], reference).get_data(as_text=True)
    assert "Dependency added." in page
    assert predecessors(app, plan["target"]) == {plan["already"], survey}


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("Nothing of the kind", "No milestone has this number or title."),
        ("999999", "No milestone has this number or title."),
        ("Review", "Several milestones have this title: give its number."),
        ("self", "A milestone cannot be its own predecessor."),
        ("", "This field is required."),
    ],
)
def test_a_reference_that_names_no_single_other_milestone_is_refused(
    client, auth, app, plan, reference, message
):
    auth.login("manager")
    reference = str(plan["target"]) if reference == "self" else reference
    answer = add(client, plan["target"], reference)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    # Beside the field, with what was typed still in it; not a message at the top.
    error = re.search(
        r'<div id="predecessor_id-error" class="invalid-feedback d-block">(.*?)</div>', page
    ).group(1)
    assert message in html.unescape(error)
    field = re.search(r'<input[^>]*name="predecessor_id"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and "predecessor_id-error" in field
    assert f'value="{html.escape(reference)}"' in field or not reference
    assert predecessors(app, plan["target"]) == {plan["already"]}


def test_a_dependency_given_twice_is_refused_beside_the_field(client, auth, app, plan):
    auth.login("manager")
    answer = add(client, plan["target"], str(plan["already"]), lag="3")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert re.search(r'id="predecessor_id-error"[^>]*>This dependency already exists\.', page)
    assert re.search(r'<input[^>]*name="lag_days"[^>]*value="3"', page)
    assert predecessors(app, plan["target"]) == {plan["already"]}


def test_the_page_suggests_milestones_ending_before_it_starts(client, auth, plan):
    auth.login("manager")
    page = client.get(f"/milestones/{plan['target']}").get_data(as_text=True)
    assert f"#{plan['target']}" in page  # the number a user can type elsewhere
    field = re.search(r'<input[^>]*name="predecessor_id"[^>]*>', page).group(0)
    assert 'list="predecessor-suggestions"' in field and 'aria-describedby="' in field
    suggested = re.search(
        r'<datalist id="predecessor-suggestions">(.*?)</datalist>', page, re.S
    ).group(1)
    values = re.findall(r'<option value="#(\d+) ', suggested)
    # Same workstream first, nearest end first; not itself, not later, not already linked.
    assert [int(value) for value in values] == [
        plan["survey"],
        plan["tender"],
        *sorted(plan["twins"], reverse=True),
    ]


def test_suggestions_stay_a_fixed_few(client, auth, app, plan):
    with app.app_context():
        from roadmap.schedule.models import Milestone

        target = db.session.get(Milestone, plan["target"])
        others = db.session.get(Milestone, plan["tender"]).workstream
        for n in range(SUGGESTED_SAME_STREAM + SUGGESTED_OTHERS + 5):
            day = date(2026, 7, 1) - timedelta(days=n)
            factories.milestone(target.workstream, f"Step {n}", day, day)
            factories.milestone(others, f"Course {n}", day, day)
        db.session.commit()
    auth.login("manager")
    page = client.get(f"/milestones/{plan['target']}").get_data(as_text=True)
    assert page.count('<option value="#') == SUGGESTED_SAME_STREAM + SUGGESTED_OTHERS


def test_viewers_get_neither_the_form_nor_suggestions(client, auth, plan):
    auth.login("viewer")
    page = client.get(f"/milestones/{plan['target']}").get_data(as_text=True)
    assert "predecessor-suggestions" not in page and 'name="predecessor_id"' not in page
