"""Decisions of the steering committee (Lenkungskreis Digitalisierung)."""

from __future__ import annotations

import datetime

from demo.data.types import DecisionData, bullets, html

D = datetime.date

DECISIONS: tuple[DecisionData, ...] = (
    DecisionData(
        number="LK-2025-01",
        title="Gemeinsames Prozessregister als Standard",
        meeting_date=D(2025, 2, 12),
        status="umgesetzt",
        summary="Alle Verbandsgemeinden dokumentieren ihre Prozesse im gemeinsamen Register.",
        decision_text=html(
            "Der Lenkungskreis beschließt, das interkommunale Prozessregister als verbindlichen "
            "Ort für Prozesssteckbriefe, Notfallszenarien und Beschlüsse einzuführen.",
            "Bis Ende 2025 dokumentiert jeder Fachbereich mindestens seine drei wichtigsten "
            "Kernprozesse.",
        ),
        rationale=html(
            "Bisher lagen Prozessbeschreibungen verstreut in Dateiablagen. Ein gemeinsames "
            "Register macht Wissen auffindbar und Übernahmen zwischen den Kommunen möglich."
        ),
        responsible_person="kai-bauer",
        responsible_department=("kaisersesch", "ZD"),
        due_date=D(2025, 12, 31),
        votes=(8, 0, 0),
        owner="kai-bauer",
        tags=("Prozessmanagement",),
    ),
    DecisionData(
        number="LK-2025-02",
        title="Einheitliche Benennung von Fachbereichen",
        meeting_date=D(2025, 4, 9),
        status="umgesetzt",
        summary="Gemeinsame Kürzel für Fachbereiche als Grundlage der Registerschlüssel.",
        decision_text=html(
            "Die Fachbereiche werden im Register einheitlich gekürzt:",
            bullets(
                "BB Bürgerbüro",
                "OA Ordnungsamt",
                "FIN Finanzen und Steuern",
                "ZD Zentrale Dienste / Personal",
                "BAU Bauen und Umwelt",
                "SOZ Soziales und Kita",
                "IT IT und Digitalisierung",
                "FW Feuerwehr und Bevölkerungsschutz",
            ),
            "Die örtlichen Bezeichnungen dürfen abweichen.",
        ),
        rationale=html(
            "Registerschlüssel wie DIE-BB-0001 sind nur mit gleichen Kürzeln vergleichbar."
        ),
        responsible_person="wei-sauer",
        responsible_department=("weissenthurm", "ZD"),
        due_date=D(2025, 6, 30),
        votes=(7, 0, 1),
        owner="wei-sauer",
    ),
    DecisionData(
        number="LK-2025-03",
        title="Einführung der E-Akte in allen Fachbereichen",
        meeting_date=D(2025, 6, 25),
        status="in_umsetzung",
        summary="Flächendeckende E-Akte mit ersetzendem Scannen bis Mitte 2026.",
        decision_text=html(
            "Alle Fachbereiche führen ihre Akten elektronisch in d.velop documents. Die "
            "Poststelle scannt ersetzend nach TR-RESISCAN.",
            "Die Verbandsgemeinde Diez stellt ihr Posteingangsmodell als Vorlage bereit.",
        ),
        rationale=html(
            "Das Landes-E-Government-Gesetz verlangt die elektronische Aktenführung; Diez hat "
            "im Bürgerbüro gute Erfahrungen gemacht."
        ),
        responsible_person="die-bruehl",
        responsible_department=("diez", "IT"),
        due_date=D(2026, 6, 30),
        votes=(7, 1, 0),
        affected=("diez/posteingang-e-akte", "montabaur/posteingang-e-akte"),
        owner="die-bruehl",
        tags=("E-Akte", "Digitalisierung"),
    ),
    DecisionData(
        number="LK-2025-04",
        title="Mindeststandard Notfallhandbuch nach BSI 200-4",
        meeting_date=D(2025, 9, 17),
        status="in_umsetzung",
        summary="Jede Kommune pflegt mindestens zwei geübte Notfallszenarien im Register.",
        decision_text=html(
            "Jede Verbandsgemeinde beschreibt mindestens die Szenarien Stromausfall, "
            "IT-Ausfall und Personalausfall nach BSI-Standard 200-4 und übt eines davon "
            "jährlich.",
            "Kritische Prozesse erhalten eine Wiederanlaufzeit (RTO).",
        ),
        rationale=html(
            "Die Übung in Diez hat gezeigt, dass Checklisten ohne regelmäßige Pflege veralten."
        ),
        responsible_person="die-neumann",
        responsible_department=("diez", "ZD"),
        due_date=D(2026, 12, 31),
        votes=(8, 0, 0),
        affected=(
            "diez/stromausfall-rathaus",
            "kaisersesch/ausfall-rechenzentrum",
            "weissenthurm/personalausfall-pandemie",
        ),
        owner="die-neumann",
        tags=("Notfallvorsorge", "BSI 200-4"),
    ),
    DecisionData(
        number="LK-2025-05",
        title="Gemeinsame Stromausfall-Übung 2025",
        meeting_date=D(2025, 11, 19),
        status="umgesetzt",
        summary="Auswertung der gemeinsamen Übung von Diez und Weißenthurm.",
        decision_text=html(
            "Der Lenkungskreis nimmt den Erfahrungsbericht zur Kenntnis und beschließt, die "
            "Checklisten zum Herunterfahren der Server jährlich zu prüfen."
        ),
        rationale=html("Beide Rathäuser brauchten länger als geplant."),
        responsible_person="wei-hofmann",
        responsible_department=("weissenthurm", "IT"),
        due_date=D(2026, 3, 31),
        votes=(8, 0, 0),
        municipalities=("diez", "weissenthurm"),
        affected=("diez/stromausfall-rathaus", "weissenthurm/stromausfall-rathaus"),
        owner="wei-hofmann",
        paper_type="Mitteilungsvorlage",
    ),
    DecisionData(
        number="LK-2026-01",
        title="Pilot KI-Assistenz im Bürgerbüro",
        meeting_date=D(2026, 2, 11),
        status="beschlossen",
        summary="Sechsmonatiger Pilot eines KI-Assistenten für Auskünfte im Bürgerbüro Montabaur.",
        decision_text=html(
            "Montabaur erprobt einen KI-Assistenten, der Mitarbeitenden Antworten aus dem "
            "Prozessregister vorschlägt. Personenbezogene Daten werden nicht verarbeitet.",
            "Vor dem Start liegen Datenschutz-Folgenabschätzung und Zustimmung des "
            "Personalrats vor.",
        ),
        rationale=html(
            "Wiederkehrende Fragen am Schalter binden viel Zeit; das Register enthält die "
            "Antworten bereits."
        ),
        responsible_person="mon-hartmann",
        responsible_department=("montabaur", "BB"),
        due_date=D(2027, 3, 31),
        votes=(6, 1, 1),
        municipalities=("montabaur",),
        affected=("montabaur/wohnsitzanmeldung", "montabaur/reisepass-beantragen"),
        owner="mon-hartmann",
        tags=("KI", "Bürgerservice"),
    ),
    DecisionData(
        number="LK-2026-02",
        title="Jährliche Überprüfung aller Prozesssteckbriefe",
        meeting_date=D(2026, 3, 25),
        status="in_umsetzung",
        summary="Überfällige Steckbriefe werden bis Ende September 2026 geprüft.",
        decision_text=html(
            "Alle Prozessverantwortlichen prüfen ihre Steckbriefe mindestens jährlich. "
            "Überfällige Prüfungen werden im Lenkungskreis berichtet."
        ),
        rationale=html("Mehrere Steckbriefe waren über ein Jahr nicht aktualisiert."),
        responsible_person="kai-bauer",
        responsible_department=("kaisersesch", "ZD"),
        due_date=D(2026, 9, 30),
        votes=(8, 0, 0),
        affected=("diez/abmeldung-ausland", "montabaur/bauantrag-vollstaendigkeitspruefung"),
        owner="kai-bauer",
        tags=("Prozessmanagement", "Wissensmanagement"),
    ),
    DecisionData(
        number="LK-2026-03",
        title="Wissensübergabe beim Ausscheiden verpflichtend",
        meeting_date=D(2026, 5, 6),
        status="beschlossen",
        summary="Vor dem Ausscheiden werden Prozessverantwortungen übergeben und dokumentiert.",
        decision_text=html(
            "Wer ausscheidet, übergibt seine Prozessverantwortungen spätestens zwei Wochen "
            "vor dem letzten Arbeitstag. Die Checkliste Wissensübergabe ist verbindlich."
        ),
        rationale=html(
            "In den nächsten fünf Jahren gehen rund 20 Prozent der Beschäftigten in Rente."
        ),
        responsible_person="wei-sauer",
        responsible_department=("weissenthurm", "ZD"),
        due_date=D(2026, 12, 31),
        votes=(8, 0, 0),
        affected=("diez/offboarding", "weissenthurm/offboarding"),
        owner="wei-sauer",
        tags=("Wissensmanagement", "Wissensübergabe"),
    ),
    DecisionData(
        number="LK-2026-04",
        title="Notfallvereinbarung mit dem Rechenzentrums-Dienstleister",
        meeting_date=D(2026, 6, 24),
        status="in_umsetzung",
        summary="Gemeinsame Notfallvereinbarung mit garantierten Wiederanlaufzeiten.",
        decision_text=html(
            "Die Verbandsgemeinden verhandeln gemeinsam eine Notfallvereinbarung mit "
            "Wiederanlaufzeiten von höchstens 24 Stunden für Meldewesen und Kasse."
        ),
        rationale=html("Das Szenario in Kaisersesch zeigt die Abhängigkeit vom Dienstleister."),
        responsible_person="kai-klein",
        responsible_department=("kaisersesch", "ZD"),
        due_date=D(2027, 1, 31),
        votes=(8, 0, 0),
        affected=("kaisersesch/ausfall-rechenzentrum",),
        owner="kai-klein",
        tags=("Notfallvorsorge", "Dienstleister"),
    ),
    DecisionData(
        number="LK-2026-05",
        title="Zentrale Beschaffung von Dokumentenscannern",
        meeting_date=D(2026, 6, 24),
        status="aufgehoben",
        summary="Aufgehoben: Die Scanner werden über den Landesrahmenvertrag beschafft.",
        decision_text=html(
            "Der Beschluss zur gemeinsamen Ausschreibung von Dokumentenscannern wird aufgehoben."
        ),
        rationale=html("Das Land bietet seit Juli 2026 einen günstigeren Rahmenvertrag an."),
        responsible_person="mon-kern",
        responsible_department=("montabaur", "IT"),
        due_date=None,
        votes=(7, 0, 1),
        owner="mon-kern",
        tags=("Beschaffung", "E-Akte"),
    ),
    DecisionData(
        number="LK-2026-06",
        title="Interkommunale Übernahme der Gewerbeprozesse",
        meeting_date=D(2026, 9, 16),
        status="vorgeschlagen",
        summary="Kaisersesch und Montabaur übernehmen das Gewerbe-Prozessmodell aus Diez.",
        decision_text=html(
            "Vorschlag: Die Prozessmodelle Gewerbeanmeldung, -ummeldung und -abmeldung der "
            "Verbandsgemeinde Diez werden als gemeinsamer Standard übernommen."
        ),
        rationale=html("Gleiche Rechtsgrundlagen, gleiches Fachverfahren, gleiche Abläufe."),
        responsible_person="die-becker",
        responsible_department=("diez", "OA"),
        due_date=D(2027, 6, 30),
        votes=None,
        municipalities=("diez", "kaisersesch", "montabaur"),
        affected=(
            "diez/gewerbeanmeldung",
            "kaisersesch/gewerbeanmeldung",
            "montabaur/gewerbeanmeldung",
        ),
        owner="die-becker",
        tags=("Gewerbe", "Übernahme"),
    ),
    DecisionData(
        number="LK-2026-07",
        title="Einheitliche Schlagwortliste für das Register",
        meeting_date=D(2026, 11, 11),
        status="vorgeschlagen",
        summary="Eine gemeinsame, gepflegte Liste von Schlagwörtern statt freier Eingabe.",
        decision_text=html(
            "Vorschlag: Das Wissensmanagement pflegt eine Liste von höchstens 40 Schlagwörtern; "
            "neue Schlagwörter werden im Lenkungskreis abgestimmt."
        ),
        rationale=html("Freie Schlagwörter führen zu Dubletten wie „E-Akte“ und „eAkte“."),
        responsible_person="kai-bauer",
        responsible_department=("kaisersesch", "ZD"),
        due_date=D(2027, 3, 31),
        votes=None,
        owner="kai-bauer",
        tags=("Wissensmanagement",),
    ),
)
