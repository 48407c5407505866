"""The demo's issued monthly reports: each past month's narrative in English and French,
issued early the next month as the manager would, and one correction after late field news.

Each version is issued through the reports' commands as of its own day, so it freezes
what was known then (a fact entered later is a correction, not part of it). No file is
made here: the worker builds each one the first time someone downloads it.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import update

from roadmap.history import HistoryEntry
from roadmap.months import Month
from roadmap.reports import commands as reports

# The reports of a month are issued on the next month's first day, in the afternoon.
ISSUE_DAY, ISSUE_TIME = 1, time(16, 0)

NARRATIVES = {
    "2026-03": {
        "highlights": (
            "The project was launched with the four governments: the inception meeting agreed "
            "the work plan, the steering arrangements and the focal points in each ministry. "
            "Mapping teams were formed in Niger, Mali, Mauritania and Burkina Faso."
        ),
        "challenges": (
            "The inception took a week longer than planned while the last focal points were "
            "named. Travel to some border areas needs security clearance."
        ),
        "next_steps": (
            "Start the border-management mapping in the four countries; agree the monitoring "
            "framework and run the baseline survey."
        ),
        "highlights_fr": (
            "Le projet a été lancé avec les quatre gouvernements : la réunion de démarrage a "
            "validé le plan de travail, le dispositif de pilotage et les points focaux de chaque "
            "ministère. Les équipes de cartographie sont constituées au Niger, au Mali, en "
            "Mauritanie et au Burkina Faso."
        ),
        "challenges_fr": (
            "Le démarrage a pris une semaine de plus que prévu, le temps de désigner les "
            "derniers points focaux. Les déplacements vers certaines zones frontalières "
            "demandent une autorisation de sécurité."
        ),
        "next_steps_fr": (
            "Commencer la cartographie de la gestion des frontières dans les quatre pays ; "
            "valider le cadre de suivi et conduire l'enquête de référence."
        ),
    },
    "2026-04": {
        "highlights": (
            "The monitoring framework and baseline survey were completed. Mapping is under way "
            "in all four countries, and the first priority posts have been assessed with the "
            "border police."
        ),
        "challenges": (
            "Mapping in Mali and Burkina Faso started late; the teams work with reduced "
            "missions where the security situation requires it."
        ),
        "next_steps": (
            "Finish the mapping in Niger and Mauritania; complete the technical assessments of "
            "the priority posts."
        ),
        "highlights_fr": (
            "Le cadre de suivi et l'enquête de référence sont achevés. La cartographie avance "
            "dans les quatre pays et les premiers postes prioritaires ont été évalués avec la "
            "police des frontières."
        ),
        "challenges_fr": (
            "La cartographie a commencé en retard au Mali et au Burkina Faso ; les équipes "
            "travaillent en missions réduites lorsque la situation sécuritaire l'exige."
        ),
        "next_steps_fr": (
            "Achever la cartographie au Niger et en Mauritanie ; terminer les évaluations "
            "techniques des postes prioritaires."
        ),
    },
    "2026-05": {
        "highlights": (
            "The mapping of Niger and Mauritania was validated with the national authorities, "
            "and the technical assessments of the priority posts are complete. Designs for "
            "Gaya and Petelkolé were approved."
        ),
        "challenges": (
            "The Mali mapping runs about a month behind its baseline; Burkina Faso follows. "
            "Overall progress is some eight points behind plan."
        ),
        "next_steps": (
            "Close the Mali mapping; approve the lot 1 designs and launch the works tender; "
            "assess the training needs of border officials."
        ),
        "highlights_fr": (
            "La cartographie du Niger et de la Mauritanie a été validée avec les autorités "
            "nationales et les évaluations techniques des postes prioritaires sont achevées. "
            "Les plans de Gaya et de Petelkolé ont été approuvés."
        ),
        "challenges_fr": (
            "La cartographie du Mali a environ un mois de retard sur le plan de référence ; "
            "le Burkina Faso suit. L'avancement global accuse quelque huit points de retard."
        ),
        "next_steps_fr": (
            "Clore la cartographie du Mali ; approuver les plans du lot 1 et lancer l'appel "
            "d'offres des travaux ; évaluer les besoins de formation des agents frontaliers."
        ),
    },
    "2026-06": {
        "highlights": (
            "The Mali mapping was completed, the lot 1 designs approved and the works "
            "contracts signed for Ayorou, Birni N'Konni and Petelkolé. Works started at Gaya; "
            "the training needs assessment is done."
        ),
        "challenges": (
            "Mobilisation at Ayorou waits for a security escort. The Burkina Faso mapping has "
            "still to be closed before the regional report can be consolidated."
        ),
        "next_steps": (
            "Close the Burkina Faso mapping and consolidate the regional report; prepare the "
            "regional workshop in Niamey (29–30 July)."
        ),
        "highlights_fr": (
            "La cartographie du Mali est achevée, les plans du lot 1 approuvés et les marchés "
            "de travaux signés pour Ayorou, Birni N'Konni et Petelkolé. Les travaux ont "
            "commencé à Gaya ; l'évaluation des besoins de formation est terminée."
        ),
        "challenges_fr": (
            "La mobilisation à Ayorou attend une escorte de sécurité. La cartographie du "
            "Burkina Faso doit encore être close avant la consolidation du rapport régional."
        ),
        "next_steps_fr": (
            "Clore la cartographie du Burkina Faso et consolider le rapport régional ; préparer "
            "l'atelier régional de Niamey (29–30 juillet)."
        ),
    },
    "2026-07": {
        "highlights": (
            "The regional workshop in Niamey brought together the G5 Sahel delegations and "
            "their partners: it reviewed the mapping, set national priorities and agreed the "
            "roadmap. The border police took over the rehabilitated posts of Makalondi and Rosso."
        ),
        "challenges": (
            "The lot 1 works and the procurement of IT equipment and biometric kits are late; "
            "the rainy season slows the sites."
        ),
        "next_steps": (
            "Circulate the workshop report and roadmap to the governments; approve the lot 2 "
            "designs for Mali and Mauritania; start the training of trainers."
        ),
        "highlights_fr": (
            "L'atelier régional de Niamey a réuni les délégations du G5 Sahel et leurs "
            "partenaires : il a examiné la cartographie, fixé les priorités nationales et "
            "adopté la feuille de route. Makalondi et Rosso ont été remis à la police des "
            "frontières."
        ),
        "challenges_fr": (
            "Les travaux du lot 1 et l'achat du matériel informatique et des kits biométriques "
            "sont en retard ; la saison des pluies ralentit les chantiers."
        ),
        "next_steps_fr": (
            "Diffuser le rapport et la feuille de route de l'atelier aux gouvernements ; "
            "approuver les plans du lot 2 pour le Mali et la Mauritanie ; lancer la formation "
            "des formateurs."
        ),
    },
}
# (month, days after its first issue, reason in English and French): news that reached
# the office late.
CORRECTIONS = [
    (
        "2026-06",
        2,
        "Late field report from Makalondi, received on 2 July: on 19 June the solar power "
        "system was installed and works reached 80 %.",
        "Rapport de terrain tardif de Makalondi, reçu le 2 juillet : le 19 juin, le système "
        "d'alimentation solaire a été installé et les travaux ont atteint 80 %.",
    ),
]


def issue(shift, manager, today: date, first_entry: int) -> int:
    """Issue the narrative of each month before today, and the corrections; return how many."""
    issued = 0
    for text, narrative in NARRATIVES.items():
        month = _month(shift, text)
        at = _issue_instant(month)
        if month.end >= today or at.date() > today:
            continue
        record = reports.save_narrative(month, narrative, by=manager, expected_version=None)
        version = reports.issue_report(month, by=manager, today=today, at=at)
        _date_entries(first_entry, (record, version), at)
        issued += 1
    for text, days, reason, reason_fr in CORRECTIONS:
        month = _month(shift, text)
        at = _issue_instant(month) + timedelta(days=days)
        if at.date() > today:
            continue
        version = reports.issue_report(
            month, by=manager, today=today, at=at, reason=reason, reason_fr=reason_fr
        )
        _date_entries(first_entry, (version,), at)
        issued += 1
    return issued


def _month(shift, text: str) -> Month:
    """Return the project month standing where `text` stands in a project starting March 2026."""
    month = Month.of(shift("2026-03-01"))
    for _step in range((int(text[:4]) - 2026) * 12 + int(text[5:]) - 3):
        month = month.next()
    return month


def _issue_instant(month: Month) -> datetime:
    return datetime.combine(month.next().start.replace(day=ISSUE_DAY), ISSUE_TIME, tzinfo=UTC)


def _date_entries(first_entry: int, records, at: datetime) -> None:
    """Date the history of what issuing recorded on the day it was issued."""
    from roadmap.extensions import db

    db.session.flush()
    for record in records:
        db.session.execute(
            update(HistoryEntry)
            .where(
                HistoryEntry.id >= first_entry,
                HistoryEntry.entity == record.__tablename__,
                HistoryEntry.entity_id == record.id,
            )
            .values(at=at)
        )
