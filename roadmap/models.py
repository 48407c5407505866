"""Every model, imported once so metadata and Alembic see the whole schema."""

from roadmap.auth.models import ApiToken, LoginAttempt, User
from roadmap.coordination.models import Activity, Assessment, Partner, RankOverride
from roadmap.history import HistoryEntry
from roadmap.mail.models import OutgoingMail
from roadmap.photos.models import Photo, PhotoFile
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.reports.models import MonthlyReport, ReportFile, ReportVersion
from roadmap.results.models import Actual, Indicator, Result, Target
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.schedule.uploads import ImportUpload
from roadmap.workshops.models import Outcome, OutcomeNote, Participation, Workshop

__all__ = [
    "Activity",
    "Assessment",
    "Partner",
    "RankOverride",
    "Actual",
    "ApiToken",
    "BorderPost",
    "HistoryEntry",
    "ImportUpload",
    "Indicator",
    "LoginAttempt",
    "Milestone",
    "MilestoneDependency",
    "MonthlyReport",
    "Outcome",
    "OutcomeNote",
    "OutgoingMail",
    "Photo",
    "PhotoFile",
    "Participation",
    "PostUpdate",
    "Project",
    "ReportFile",
    "ReportVersion",
    "Result",
    "Target",
    "User",
    "Workshop",
    "Workstream",
]
