"""The demo project as plain data, dated for a project starting on 1 March 2026.

Illustrative only: owners are role titles, contractors are fictional firms, and no
real person is named. The loader shifts every date when the project starts elsewhere.
"""

PROJECT = {
    "name": "Coordinated Border Management in Mali, Niger, Mauritania and Burkina Faso",
    "code": "IOM-NE-CBM-2026",
    "donor": "Government of Japan",
    "implementing_org": "International Organization for Migration (IOM), Niger country office",
    "countries": ["MLI", "NER", "MRT", "BFA"],
    "currency": "USD",
    "budget": "2500000.00",
    "iati_identifier": "XM-DAC-47066-CBM-2026",
    "summary": (
        "The project strengthens national and regional border management in the Sahel. "
        "Governments and IOM map border management in each country and identify the border "
        "posts to rehabilitate; a regional workshop in Niamey reviews the mapping, sets national "
        "priorities and harmonises the work of international actors; priority posts are "
        "rehabilitated and equipped, and border officials are trained."
    ),
}

WORKSTREAMS = [
    "Assessment and mapping", "Regional coordination", "Rehabilitation of border posts",
    "Training and equipment", "Monitoring and reporting",
]

# (name, country, neighbour, kind, latitude, longitude, priority, contractor,
#  estimated cost, spent, dates): `dates` holds the day each stage was reached, in the
# order identified, assessed, designed, procured, works started, completed, handed over.
POSTS = [
    ("Makalondi", "NER", "BFA", "land", 12.83, 1.68, "high", "Société Sahel BTP", 32000, 31400,
     ("2026-03-04", "2026-03-18", "2026-04-01", "2026-04-10", "2026-04-20", "2026-07-08",
      "2026-07-22")),
    ("Petelkolé", "NER", "BFA", "land", 14.05, 0.45, "high", "Société Sahel BTP", 95000, 61000,
     ("2026-03-27", "2026-04-22", "2026-05-29", "2026-06-24", "2026-07-02")),
    ("Ayorou", "NER", "MLI", "land", 14.73, 0.92, "high", "Ténéré Bâtiment SARL", 75000, 0,
     ("2026-03-27", "2026-05-06", "2026-06-04", "2026-06-25")),
    ("Gaya", "NER", "BEN", "river", 11.88, 3.45, "high", "Niger Fleuve Construction", 90000, 96500,
     ("2026-03-27", "2026-04-15", "2026-05-27", "2026-06-22", "2026-06-29")),
    ("Birni N'Konni", "NER", "NGA", "land", 13.80, 5.25, "medium", "Ténéré Bâtiment SARL",
     110000, 44000, ("2026-03-27", "2026-04-29", "2026-06-03", "2026-06-24", "2026-07-06")),
    ("Assamaka", "NER", "DZA", "land", 19.35, 5.78, "high", "", 70000, 0,
     ("2026-03-27", "2026-07-15")),
    ("Diffa", "NER", "NGA", "river", 13.31, 12.61, "medium", "Komadougou Travaux SARL", 95000, 0,
     ("2026-03-27", "2026-05-08", "2026-06-05", "2026-07-15")),
    ("Niamey International Airport", "NER", None, "airport", 13.48, 2.18, "medium",
     "", 45000, 0, ("2026-03-27", "2026-05-05")),
    ("Hérémakono", "MLI", "BFA", "land", 11.16, -5.41, "high", "", 105000, 0,
     ("2026-04-02", "2026-05-05", "2026-07-30")),
    ("Zégoua", "MLI", "CIV", "land", 10.48, -5.65, "medium", "", 80000, 0,
     ("2026-04-02", "2026-06-18")),
    ("Kourémalé", "MLI", "GIN", "land", 11.96, -8.77, "medium", "", 95000, 0,
     ("2026-04-02", "2026-05-06", "2026-08-12")),
    ("Diboli", "MLI", "SEN", "river", 14.47, -12.19, "high", "Djoliba Bâtiment SA", 26000, 30900,
     ("2026-03-05", "2026-03-20", "2026-04-06", "2026-04-14", "2026-04-24", "2026-07-21")),
    ("Koury", "MLI", "BFA", "land", 12.16, -4.80, "medium", "", 85000, 0,
     ("2026-04-02", "2026-05-07", "2026-08-06")),
    ("Labbezanga", "MLI", "NER", "land", 14.95, 0.70, "high", "", 65000, 0,
     ("2026-04-02", "2026-07-09")),
    ("Gogui", "MLI", "MRT", "land", 15.53, -9.35, "low", "", None, None, ("2026-04-16",)),
    ("Bamako-Sénou International Airport", "MLI", None, "airport", 12.53, -7.95, "low", "",
     None, None, ("2026-06-19",)),
    ("Rosso", "MRT", "SEN", "river", 16.51, -15.81, "high", "Chinguetti Travaux Publics", 35000,
     34100, ("2026-03-04", "2026-03-17", "2026-03-31", "2026-04-09", "2026-04-15", "2026-07-01",
             "2026-07-24")),
    ("Kaédi", "MRT", "SEN", "river", 16.15, -13.50, "medium", "", 90000, 0,
     ("2026-03-25", "2026-04-28", "2026-07-22")),
    ("Kobenni", "MRT", "MLI", "land", 15.87, -9.41, "medium", "", 55000, 0,
     ("2026-03-25", "2026-05-06")),
    ("Fassala", "MRT", "MLI", "land", 15.55, -5.52, "high", "", 60000, 0,
     ("2026-03-25", "2026-05-07")),
    ("Nbeiket Lahwach", "MRT", "MLI", "land", 16.30, -5.85, "medium", "", None, None,
     ("2026-03-25",)),
    ("Nouakchott–Oumtounsy International Airport", "MRT", None, "airport", 18.31, -15.97, "low",
     "", None, None, ("2026-05-08",)),
    ("Dakola", "BFA", "GHA", "land", 11.02, -1.08, "high", "Faso Génie Civil SARL", 28000, 27300,
     ("2026-03-05", "2026-03-20", "2026-04-03", "2026-04-13", "2026-04-22", "2026-07-03")),
    ("Yendéré", "BFA", "CIV", "land", 10.20, -5.05, "medium", "Faso Génie Civil SARL", 90000, 0,
     ("2026-04-09", "2026-05-05", "2026-06-04", "2026-06-26")),
    ("Kantchari", "BFA", "NER", "land", 12.48, 1.52, "high", "Entreprise Kadiogo Travaux", 30000,
     29650, ("2026-03-04", "2026-03-19", "2026-04-02", "2026-04-10", "2026-04-21", "2026-07-17")),
    ("Faramana", "BFA", "MLI", "land", 12.05, -4.66, "medium", "Entreprise Kadiogo Travaux",
     80000, 8000, ("2026-04-09", "2026-05-07", "2026-06-05", "2026-06-26", "2026-08-03")),
    ("Koloko", "BFA", "MLI", "land", 11.08, -5.30, "high", "Faso Génie Civil SARL", 100000, 52000,
     ("2026-04-09", "2026-04-30", "2026-06-02", "2026-06-26", "2026-07-06")),
    ("Cinkansé", "BFA", "TGO", "land", 11.12, 0.01, "medium", "Entreprise Kadiogo Travaux", 85000,
     17000, ("2026-04-09", "2026-05-06", "2026-06-05", "2026-06-26", "2026-07-27")),
    ("Ouagadougou International Airport", "BFA", None, "airport", 12.35, -1.51,
     "low", "", None, None, ("2026-04-09",)),
]

# Progress reported once works are under way: post → [(date, percent, comment)].
WORKS_PROGRESS = {
    "Makalondi": [("2026-05-22", 45, "Walls and roof of the police building rehabilitated."),
                  ("2026-06-19", 80, "Solar power system installed; fencing under way.")],
    "Petelkolé": [("2026-07-24", 40, "Foundations of the new control booth completed."),
                  ("2026-08-12", 65, "Roofing done; electrical works started.")],
    "Gaya": [("2026-07-20", 55, "River-side quay repaired; control building under way."),
             ("2026-08-10", 85, "Extra bank protection needed on the river side: over budget.")],
    "Birni N'Konni": [("2026-08-07", 40, "Parking area for trucks levelled and paved.")],
    "Diboli": [("2026-05-29", 50, "Control building rehabilitated."),
               ("2026-06-26", 90, "Additional drainage works on the Falémé bank.")],
    "Rosso": [("2026-05-20", 60, "Passenger hall on the ferry landing rehabilitated."),
              ("2026-06-17", 95, "Finishing works and signage.")],
    "Dakola": [("2026-05-27", 60, "Offices and waiting area rehabilitated.")],
    "Kantchari": [("2026-05-26", 50, "Control building rehabilitated."),
                  ("2026-06-23", 90, "Solar power and water supply installed.")],
    "Koloko": [("2026-08-05", 55, "Joint control building half finished.")],
    "Cinkansé": [("2026-08-11", 20, "Site cleared; foundations poured.")],
}

# The comment of the update that moved a post to each stage, unless STAGE_NOTES says more.
STAGE_COMMENTS = {
    "identified": "Post identified as a priority with the national authorities.",
    "assessed": "Assessment mission completed with the border police.",
    "designed": "Engineering design and bill of quantities approved.",
    "procured": "Works contract signed after a competitive tender.",
    "works_in_progress": "Contractor mobilised; works started.",
    "completed": "Works completed; provisional acceptance signed.",
    "handed_over": "Post handed over to the national border police.",
}
STAGE_NOTES = {
    ("Ayorou", "procured"): "Contract signed; mobilisation waits for a security escort.",
    ("Labbezanga", "assessed"): "Assessment done by a reduced team for security reasons.",
    ("Nbeiket Lahwach", "identified"): "Identified; the assessment waits for security clearance.",
    ("Faramana", "works_in_progress"): "Works started late: the access road was flooded.",
    ("Assamaka", "assessed"): "Assessment mission completed; migrant reception needs noted.",
}

# (key, workstream, title, owner, country, post,
#  baseline start, baseline end, current start, current end, percent complete, status)
MILESTONES = [
    ("A1", 0, "Project inception and kick-off with the four governments", "IOM project manager",
     None, None, "2026-03-02", "2026-03-13", "2026-03-02", "2026-03-20", 100, "done"),
    ("A2", 0, "Border-management mapping: Niger", "IOM border management officer", "NER", None,
     "2026-03-16", "2026-05-15", "2026-03-23", "2026-05-29", 100, "done"),
    ("A3", 0, "Border-management mapping: Mali", "IOM border management officer", "MLI", None,
     "2026-03-16", "2026-05-15", "2026-03-30", "2026-06-19", 100, "done"),
    ("A4", 0, "Border-management mapping: Mauritania", "IOM border management officer", "MRT",
     None, "2026-03-16", "2026-05-15", "2026-03-23", "2026-05-08", 100, "done"),
    ("A5", 0, "Border-management mapping: Burkina Faso", "IOM border management officer", "BFA",
     None, "2026-03-16", "2026-05-15", "2026-04-06", "2026-07-03", 100, "done"),
    ("A6", 0, "Consolidated regional mapping report", "IOM project manager", None, None,
     "2026-05-18", "2026-06-30", "2026-07-06", "2026-07-24", 100, "done"),
    ("A7", 0, "Technical assessments of the priority posts", "IOM engineer", None, None,
     "2026-04-01", "2026-05-15", "2026-04-06", "2026-05-08", 100, "done"),
    ("A8", 0, "Technical assessment at Assamaka (Niger–Algeria)", "IOM engineer", "NER",
     "Assamaka", "2026-05-04", "2026-05-29", "2026-06-08", "2026-07-15", 100, "done"),
    ("C1", 1, "Workshop invitations, venue and logistics", "IOM logistics officer", "NER", None,
     "2026-05-15", "2026-07-10", "2026-06-01", "2026-07-24", 100, "done"),
    ("C2", 1, "Regional workshop in Niamey", "IOM project manager", "NER", None,
     "2026-07-15", "2026-07-15", "2026-07-29", "2026-07-29", 100, "done"),
    ("C3", 1, "Workshop report and roadmap circulated to the governments", "IOM project manager",
     None, None, "2026-07-20", "2026-08-07", "2026-07-31", "2026-08-21", 60, "in_progress"),
    ("C4", 1, "National follow-up meetings on the recommendations", "IOM project manager",
     None, None, "2026-08-17", "2026-11-13", "2026-09-01", "2026-11-27", 0, "planned"),
    ("R1", 2, "Quick-impact works at five priority posts", "IOM engineer", None, None,
     "2026-04-01", "2026-06-30", "2026-04-13", "2026-07-24", 100, "done"),
    ("R2", 2, "Engineering designs, lot 1 (Niger and Burkina Faso)", "IOM engineer", None, None,
     "2026-05-18", "2026-06-12", "2026-05-11", "2026-06-05", 100, "done"),
    ("R3", 2, "Engineering designs, lot 2 (Mali and Mauritania)", "IOM engineer", None, None,
     "2026-05-18", "2026-06-26", "2026-05-25", "2026-08-28", 70, "in_progress"),
    ("R4", 2, "Procurement of works, lot 1", "IOM procurement officer", None, None,
     "2026-06-15", "2026-07-10", "2026-06-08", "2026-06-26", 100, "done"),
    ("R5", 2, "Rehabilitation works, lot 1 (Niger and Burkina Faso)", "IOM engineer", None, None,
     "2026-07-13", "2026-11-27", "2026-06-29", "2026-11-13", 35, "in_progress"),
    ("R6", 2, "Works at the Gaya river crossing (Niger–Benin)", "IOM engineer", "NER", "Gaya",
     "2026-07-13", "2026-10-30", "2026-06-29", "2026-10-16", 80, "in_progress"),
    ("R7", 2, "Procurement of works, lot 2", "IOM procurement officer", None, None,
     "2026-06-29", "2026-07-31", "2026-08-31", "2026-10-02", 0, "planned"),
    ("R8", 2, "Rehabilitation works, lot 2 (Mali and Mauritania)", "IOM engineer", None, None,
     "2026-08-10", "2026-12-18", "2026-10-05", "2027-01-29", 0, "planned"),
    ("T1", 3, "Training needs assessment of border officials", "IOM training officer", None, None,
     "2026-04-15", "2026-05-29", "2026-04-20", "2026-06-05", 100, "done"),
    ("T2", 3, "Training of trainers on integrated border management", "IOM training officer",
     "NER", None, "2026-07-06", "2026-07-10", "2026-08-03", "2026-08-14", 80, "in_progress"),
    ("T3", 3, "Procurement of IT equipment and biometric registration kits",
     "IOM procurement officer", None, None,
     "2026-05-04", "2026-08-28", "2026-05-04", "2026-09-18", 60, "in_progress"),
    ("T4", 3, "National trainings for border police in the four countries",
     "IOM training officer", None, None,
     "2026-09-07", "2026-12-11", "2026-09-07", "2026-12-11", 0, "planned"),
    ("T5", 3, "Cross-border community dialogue at Labbezanga–Ayorou",
     "IOM community liaison officer", "MLI", "Labbezanga",
     "2026-06-01", "2026-06-30", "2026-06-01", "2026-06-30", 0, "cancelled"),
    ("E1", 4, "Monitoring framework and baseline survey", "IOM monitoring and evaluation officer",
     None, None, "2026-03-09", "2026-04-10", "2026-03-09", "2026-04-17", 100, "done"),
    ("E2", 4, "Interim narrative and financial report to the donor", "IOM project manager", None,
     None, "2026-09-01", "2026-09-15", "2026-09-01", "2026-09-15", 0, "planned"),
    ("E3", 4, "Final evaluation", "External evaluator contracted by IOM", None, None,
     "2027-01-04", "2027-02-05", "2027-01-11", "2027-02-12", 0, "planned"),
    ("E4", 4, "Final report to the Government of Japan", "IOM project manager", None, None,
     "2027-02-15", "2027-02-26", "2027-02-15", "2027-02-26", 0, "planned"),
]
# The milestone that is the regional workshop itself.
WORKSHOP_MILESTONE = "C2"

MILESTONE_DESCRIPTIONS = {
    "A5": "Access to the East and Sahel regions needed security clearance; the mapping slipped.",
    "C3": "Draft shared with the G5 Sahel Secretariat for comments before circulation.",
    "R1": "Small works at Makalondi, Kantchari, Dakola, Rosso and Diboli, agreed at inception.",
    "R3": "Site visits in Mali were postponed twice; designs are being finalised remotely.",
    "T2": "Moved to August so that trainers could also attend the regional workshop.",
    "T5": "Cancelled for security reasons; the topic moves to the national follow-up meetings.",
}

# Finish-to-start links: (predecessor, successor, lag in days).
DEPENDENCIES = [
    ("A1", "A2", 0), ("A1", "A3", 7), ("A1", "A4", 0), ("A1", "A5", 14), ("A1", "A7", 14),
    ("A2", "A6", 0), ("A3", "A6", 0), ("A4", "A6", 0), ("A5", "A6", 3), ("A7", "A8", 0),
    ("A1", "C1", 30), ("A6", "C2", 0), ("C1", "C2", 0), ("C2", "C3", 1), ("C3", "C4", 7),
    ("A1", "R1", 14), ("A7", "R2", 3), ("A7", "R3", 3), ("R2", "R4", 3), ("R4", "R5", 3),
    ("R4", "R6", 3), ("R3", "R7", 3), ("R7", "R8", 3),
    ("A1", "T1", 21), ("T1", "T2", 14), ("A1", "T3", 30), ("T2", "T4", 14),
    ("C3", "E2", 7), ("R5", "E3", 14), ("E3", "E4", 2), ("R8", "E4", 14),
]

WORKSHOP = {
    "title": "Regional workshop on coordinated border management",
    "place": "Niamey",
    "country": "NER",
    "start_date": "2026-07-29",
    "end_date": "2026-07-30",
    "organiser": "IOM Niger",
    "summary": (
        "Two days with government delegations of the G5 Sahel countries and their partners to "
        "review the border-management mapping, agree national priorities and the posts to "
        "rehabilitate, harmonise the work of international actors and set the roadmap for the "
        "rest of the project."
    ),
    "agenda": (
        "Day 1: opening; review of the border-management mapping country by country; "
        "national priorities for integrated border management.\n"
        "Day 2: border posts to rehabilitate and their order; harmonising the support of "
        "international actors; roadmap for the rest of the project; recommendations and closing."
    ),
}

# (country, organisation type, women, men)
PARTICIPATION = [
    ("MLI", "government", 2, 6), ("NER", "government", 4, 10), ("MRT", "government", 2, 5),
    ("BFA", "government", 2, 6), ("TCD", "government", 1, 3),
    ("NER", "partner", 5, 8), ("MRT", "partner", 1, 2),
    ("NER", "iom", 4, 6), ("MLI", "iom", 1, 1), ("BFA", "iom", 0, 1), ("MRT", "iom", 1, 0),
    ("NER", "other", 2, 1),
]

# (kind, text, responsible, due date, milestone keys,
#  notes as [(date, status the note set, text)], oldest first; the last sets the status)
OUTCOMES = [
    ("decision", "Adopt the consolidated list of border posts and their rehabilitation "
     "priorities.", "IOM", "2026-08-14", ["R3", "R5"],
     [("2026-08-05", "in_progress", "Priority list sent to the four governments for validation."),
      ("2026-08-12", "completed", "All four governments validated the priority list.")]),
    ("recommendation", "Each government designates a national focal point for coordinated "
     "border management.", "Governments of Mali, Niger, Mauritania and Burkina Faso",
     "2026-08-31", ["C4"],
     [("2026-08-06", "in_progress", "Niger and Mauritania have designated their focal points.")]),
    ("action", "Circulate the workshop report and roadmap to all delegations.", "IOM",
     "2026-08-14", ["C3"],
     [("2026-08-10", "in_progress", "Draft report shared with the G5 Sahel Secretariat.")]),
    ("action", "Share the lot 2 engineering designs with the Government of Mali for approval.",
     "Government of Mali", "2026-08-21", ["R3", "R7"],
     [("2026-08-04", "in_progress", "Designs for Hérémakono and Koury sent for approval."),
      ("2026-08-13", "constrained", "Approval delayed while the directorate is reorganised.")]),
    ("recommendation", "Hold a quarterly meeting of international actors chaired by the "
     "G5 Sahel Secretariat to harmonise support.", "G5 Sahel Secretariat", "2026-10-15",
     ["C4"], []),
    ("recommendation", "Make women at least 30 % of the participants in every national "
     "training.", "National border police of the four countries", "2026-09-07", ["T4"],
     [("2026-08-11", "in_progress", "Nomination letters ask for at least 30 % women.")]),
    ("decision", "Align equipment specifications with those used by EU-funded projects in "
     "the region.", "EU-funded partners", "2026-08-28", ["T3"],
     [("2026-08-03", "in_progress", "Specifications exchanged with two EU-funded projects.")]),
    ("action", "Organise a cross-border community dialogue at Labbezanga–Ayorou.",
     "Government of Niger", "2026-09-30", ["T5"],
     [("2026-08-09", "discontinued", "Discontinued for security reasons; moved to the "
       "national follow-up meetings.")]),
    ("recommendation", "Share information and plan joint patrols on the Kantchari–Makalondi "
     "corridor.", "Governments of Burkina Faso and Niger", "2026-12-15", ["R5"], []),
    ("action", "Add the Niger–Chad border to the regional mapping with data from the Chad "
     "delegation.", "Government of Chad", "2026-10-30", ["C4"],
     [("2026-08-07", "in_progress", "First data on the Niger–Chad border received.")]),
    ("action", "Send the donor a summary of the workshop results.", "IOM", "2026-08-07",
     ["E2"], [("2026-08-06", "completed", "Summary sent to the donor.")]),
    ("action", "Present the roadmap to the G5 Sahel defence and security committee.",
     "G5 Sahel Secretariat", "2026-11-30", ["C4"], []),
]

# (email, name, role, language, password in development and testing)
ACCOUNTS = [
    ("admin@roadmap.example", "Demo administrator", "admin", "en", "demo-admin-2026"),
    ("manager@roadmap.example", "Project manager", "manager", "en", "demo-manager-2026"),
    ("donor@roadmap.example", "Donor liaison", "viewer", "en", "demo-donor-2026"),
    ("responsable@roadmap.example", "Responsable de projet", "manager", "fr",
     "demo-responsable-2026"),
]
