"""A results framework for the generated project, entered through the results commands.

A handful of records whatever the project's size: an outcome with a manual indicator
split by sex, and outputs with every computed indicator, so the pages that show the
framework read at scale what they read for the demo. Targets rise quarter by quarter;
the manual actuals are known for every quarter begun by today.
"""

from datetime import date

from roadmap.results import commands as results
from roadmap.results.periods import periods
from roadmap.schedule.models import Project

# (level, title, [(code, title, fields, target of the last quarter)])
FRAMEWORK = (
    (
        "outcome",
        "Border management coordinated across the Sahel",
        [
            (
                "OC.1",
                "Officials applying the common procedures",
                {"by_sex": True, "baseline_value": 0},
                400,
            ),
        ],
    ),
    (
        "output",
        "Border posts rehabilitated, workshops followed up",
        [
            ("1.1", "Posts handed over", {"source": "posts_handed_over", "by_country": True}, 60),
            (
                "1.2",
                "Average physical progress",
                {"source": "average_progress", "unit": "percentage"},
                100,
            ),
            (
                "1.3",
                "Workshop participants",
                {"source": "participants", "by_sex": True, "by_country": True},
                600,
            ),
            (
                "1.4",
                "Recommendations implemented",
                {"source": "recommendations_implemented"},
                40,
            ),
        ],
    ),
)


def load(author, today: date) -> int:
    """Enter the framework with its targets and actuals; return how many indicators."""
    project = Project.current()
    quarters = periods(project.start_date, project.end_date, "quarter")
    count = 0
    for level, title, indicators in FRAMEWORK:
        result = results.create_result({"level": level, "title_en": title}, by=None)
        for code, name, fields, last in indicators:
            indicator = results.create_indicator(
                result,
                {"code": code, "title_en": name, "baseline_date": project.start_date} | fields,
                by=None,
            )
            count += 1
            for number, (start, end) in enumerate(quarters, start=1):
                target = round(last * number / len(quarters))
                results.set_target(indicator, start, target, by=None)
                if indicator.computed or start > today:
                    continue
                value = round(target * 0.8)
                results.record_actual(
                    indicator,
                    start,
                    {
                        "value": value,
                        "effective_on": min(end, today),
                        "source": "Attendance sheets",
                        "breakdown": {"sex": {"female": value // 2, "male": value - value // 2}},
                    },
                    by=author,
                    today=today,
                )
    return count
