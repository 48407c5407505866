"""Small factories for the workshop tests."""

from datetime import date

import pytest

from roadmap.extensions import db
from roadmap.schedule.models import Milestone, Project, Workstream
from roadmap.workshops.models import Outcome, Participation, Workshop


class Factory:
    def workshop(self, **fields) -> Workshop:
        values = dict(
            title="Regional workshop",
            place="Niamey",
            country="NER",
            start_date=date(2026, 7, 29),
            end_date=date(2026, 7, 30),
            organiser="IOM Niger",
        )
        values.update(fields)
        workshop = Workshop(**values)
        db.session.add(workshop)
        db.session.commit()
        return workshop

    def outcome(self, workshop, **fields) -> Outcome:
        values = dict(
            kind="recommendation",
            text="Designate focal points.",
            responsible="IOM",
            due_date=date(2026, 8, 31),
            status="not_started",
        )
        values.update(fields)
        outcome = Outcome(workshop=workshop, **values)
        db.session.add(outcome)
        db.session.commit()
        return outcome

    def participation(self, workshop, rows) -> None:
        for country, org_type, sex, count in rows:
            db.session.add(
                Participation(
                    workshop=workshop, country=country, org_type=org_type, sex=sex, count=count
                )
            )
        db.session.commit()

    def milestone(self, title="National follow-up meetings", **fields) -> Milestone:
        workstream = db.session.scalar(db.select(Workstream).limit(1))
        if workstream is None:
            project = Project(
                name="Coordinated Border Management",
                code="CBM",
                donor="Japan",
                implementing_org="IOM",
                start_date=date(2026, 3, 1),
                end_date=date(2027, 2, 28),
            )
            workstream = Workstream(project=project, name="Regional coordination")
            db.session.add(workstream)
        values = dict(current_start=date(2026, 9, 1), current_end=date(2026, 9, 30))
        values.update(fields)
        milestone = Milestone(workstream=workstream, title=title, **values)
        db.session.add(milestone)
        db.session.commit()
        return milestone


@pytest.fixture
def make():
    return Factory()
