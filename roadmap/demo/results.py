"""The demo project's results framework, from its own description, entered through its commands.

Dates are those of a project starting on 1 March 2026 (see seed.DEMO_START); `shift`
moves them to the project's real start. Targets are cumulative, one per project
quarter (March–May, June–August, September–November, December–February).
"""

from datetime import date

from roadmap.results import commands as results
from roadmap.results.periods import periods
from roadmap.schedule.models import Project

# (level, title en, title fr, indicators)
# An indicator: (code, title en, title fr, {fields}, quarterly targets, actuals)
# An actual: (quarter: 0 for the first, value, effective date, source, breakdown)
FRAMEWORK = [
    (
        "outcome",
        "Improved coordinated border management between Mali, Niger, Mauritania and Burkina Faso",
        "Gestion coordonnée des frontières améliorée entre le Mali, le Niger, la "
        "Mauritanie et le Burkina Faso",
        [
            (
                "OC.1",
                "Cross-border coordination mechanisms meeting regularly",
                "Mécanismes de coordination transfrontalière se réunissant régulièrement",
                {
                    "baseline_value": 1,
                    "baseline_comment": "Only the Niger–Mali committee met in 2025.",
                    "means_of_verification": "Minutes of the committees' meetings",
                },
                [1, 2, 3, 4],
                [
                    (0, 1, "2026-05-29", "Meeting minutes", {}),
                    (1, 2, "2026-08-10", "Meeting minutes", {}),
                ],
            ),
        ],
    ),
    (
        "output",
        "Border posts rehabilitated and equipped",
        "Postes frontières réhabilités et équipés",
        [
            (
                "1.1",
                "Border posts handed over to the national authorities",
                "Postes frontières remis aux autorités nationales",
                {
                    "source": "posts_handed_over",
                    "by_country": True,
                    "baseline_value": 0,
                    "means_of_verification": "Handover certificates",
                },
                [0, 1, 3, 6],
                [],
            ),
            (
                "1.2",
                "Average physical progress of the rehabilitation works",
                "Avancement physique moyen des travaux de réhabilitation",
                {
                    "source": "average_progress",
                    "unit": "percentage",
                    "baseline_value": 0,
                    "means_of_verification": "Engineers' site reports",
                },
                [10, 30, 60, 100],
                [],
            ),
        ],
    ),
    (
        "output",
        "Border officials trained",
        "Agents des frontières formés",
        [
            (
                "2.1",
                "Border officials trained in integrated border management",
                "Agents des frontières formés à la gestion intégrée des frontières",
                {
                    "by_sex": True,
                    "by_country": True,
                    "baseline_value": 0,
                    "means_of_verification": "Attendance sheets and certificates",
                },
                [0, 20, 40, 60],
                [
                    (
                        1,
                        18,
                        "2026-08-12",
                        "Training attendance sheets",
                        {
                            "sex": {"female": 8, "male": 10},
                            "country": {"NER": 6, "MLI": 5, "MRT": 4, "BFA": 3},
                        },
                    ),
                ],
            ),
        ],
    ),
    (
        "output",
        "Regional workshop held and its recommendations followed up",
        "Atelier régional tenu et ses recommandations suivies",
        [
            (
                "3.1",
                "Participants in the regional workshop",
                "Participants à l'atelier régional",
                {
                    "source": "participants",
                    "by_sex": True,
                    "by_country": True,
                    "baseline_value": 0,
                    "means_of_verification": "Workshop attendance lists",
                },
                [0, 40, 40, 40],
                [],
            ),
            (
                "3.2",
                "Workshop recommendations implemented",
                "Recommandations de l'atelier mises en œuvre",
                {
                    "source": "recommendations_implemented",
                    "baseline_value": 0,
                    "means_of_verification": "Outcomes register follow-up notes",
                },
                [0, 1, 4, 8],
                [],
            ),
        ],
    ),
    (
        "output",
        "Border-post assessments completed",
        "Évaluations des postes frontières réalisées",
        [
            (
                "4.1",
                "Border posts assessed with the mapping methodology",
                "Postes frontières évalués selon la méthode de cartographie",
                {
                    "baseline_value": 0,
                    "means_of_verification": "Assessment reports",
                },
                [4, 8, 12, 12],
                [
                    (0, 5, "2026-05-30", "Assessment reports", {}),
                    (1, 9, "2026-07-31", "Assessment reports", {}),
                ],
            ),
        ],
    ),
]


def load(shift, author, today: date) -> None:
    """Enter the framework, its targets and the actuals known on the demo's today."""
    project = Project.current()
    quarters = [start for start, _end in periods(project.start_date, project.end_date, "quarter")]
    for level, title_en, title_fr, indicators in FRAMEWORK:
        result = results.create_result(
            {"level": level, "title_en": title_en, "title_fr": title_fr}, by=None
        )
        for code, ind_en, ind_fr, fields, targets, actuals in indicators:
            indicator = results.create_indicator(
                result,
                {"code": code, "title_en": ind_en, "title_fr": ind_fr, **fields}
                | {"baseline_date": shift("2026-03-01")},
                by=None,
            )
            for quarter, value in zip(quarters, targets, strict=True):
                results.set_target(indicator, quarter, value, by=None)
            for quarter, value, day, source, breakdown in actuals:
                results.record_actual(
                    indicator,
                    quarters[quarter],
                    {
                        "value": value,
                        "effective_on": shift(day),
                        "source": source,
                        "breakdown": breakdown,
                    },
                    by=author,
                    today=today,
                )
