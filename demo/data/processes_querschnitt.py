"""Council work, budget, data protection, childcare places and building applications."""

from __future__ import annotations

import datetime

from demo.data.types import Law, ProcessSpec, ProcessTopic, Step

GII = "https://www.gesetze-im-internet.de"
RLP = "https://landesrecht.rlp.de"

TOPICS: tuple[ProcessTopic, ...] = (
    ProcessTopic(
        slug="sitzungsvorbereitung-verbandsgemeinderat",
        title="Sitzungsvorbereitung Verbandsgemeinderat",
        department="ZD",
        summary=(
            "Von der Beschlussvorlage bis zur Niederschrift: Tagesordnung, fristgerechte "
            "Einladung, Sitzung und Veröffentlichung im Ratsinformationssystem."
        ),
        category="fuehrung",
        trigger="Sitzungskalender des Verbandsgemeinderats; Vorlagen der Fachbereiche.",
        outcome="Sitzung ordnungsgemäß einberufen, Beschlüsse dokumentiert und veröffentlicht.",
        inputs=("Beschlussvorlagen", "Sitzungskalender", "Anträge der Fraktionen"),
        outputs=("Einladung mit Tagesordnung", "Öffentliche Bekanntmachung", "Niederschrift"),
        steps=(
            Step(
                "Vorlagen sammeln",
                "Sitzungsdienst",
                "ALLRIS",
                "Vorlagen der Fachbereiche prüfen und freigeben lassen.",
                "2 Wochen",
            ),
            Step(
                "Tagesordnung abstimmen",
                "Bürgermeisterin oder Bürgermeister",
                "ALLRIS",
                "Öffentliche und nichtöffentliche Punkte festlegen.",
                "1 Stunde",
            ),
            Step(
                "Einladen und bekannt machen",
                "Sitzungsdienst",
                "ALLRIS",
                "Einladung mindestens vier Tage vor der Sitzung, Bekanntmachung im Amtsblatt.",
                "2 Stunden",
            ),
            Step(
                "Sitzung begleiten",
                "Sitzungsdienst",
                "ALLRIS",
                "Anwesenheit, Abstimmungsergebnisse und Wortbeiträge festhalten.",
                "3 Stunden",
            ),
            Step(
                "Niederschrift fertigen",
                "Sitzungsdienst",
                "ALLRIS",
                "Niederschrift unterschreiben lassen und veröffentlichen.",
                "1 Tag",
            ),
        ),
        laws=(
            Law("§ 34 GemO", "Einberufung, Tagesordnung (Gemeindeordnung Rheinland-Pfalz)", RLP),
            Law("§ 41 GemO", "Niederschrift", RLP),
            Law("§ 64 GemO", "Verbandsgemeinderat", RLP),
        ),
        systems=("ALLRIS", "Microsoft 365"),
        tags=("Gremien", "Ratsinformationssystem"),
        case_volume=12,
        processing_minutes=1800,
        maturity=None,
    ),
    ProcessTopic(
        slug="haushaltsplan-aufstellen",
        title="Haushaltsplan aufstellen",
        department="FIN",
        summary="Jährliche Aufstellung des doppischen Haushaltsplans der Verbandsgemeinde.",
        category="fuehrung",
        trigger="Haushaltsrundschreiben im Juli für das Folgejahr.",
        outcome="Vom Rat beschlossene und von der Kommunalaufsicht genehmigte Haushaltssatzung.",
        inputs=("Mittelanmeldungen der Fachbereiche", "Orientierungsdaten des Landes"),
        outputs=("Haushaltsentwurf", "Haushaltssatzung", "Vorlage an die Kommunalaufsicht"),
        steps=(
            Step("Mittel anmelden", "Fachbereiche", "Infoma newsystem", "", "4 Wochen"),
            Step(
                "Entwurf aufstellen",
                "Fachbereichsleitung Finanzen",
                "Infoma newsystem",
                "Ergebnis- und Finanzhaushalt, Investitionsprogramm.",
                "6 Wochen",
            ),
            Step(
                "Beratung in den Gremien",
                "Sitzungsdienst",
                "ALLRIS",
                "Haupt- und Finanzausschuss, Verbandsgemeinderat.",
                "2 Monate",
            ),
            Step(
                "Genehmigung einholen",
                "Fachbereichsleitung Finanzen",
                "d.velop documents",
                "Vorlage bei der Kreisverwaltung als Kommunalaufsicht.",
                "",
            ),
        ),
        laws=(
            Law("§ 95 GemO", "Haushaltssatzung", RLP),
            Law("§ 97 GemO", "Erlass der Haushaltssatzung", RLP),
        ),
        systems=("Infoma newsystem", "ALLRIS"),
        tags=("Haushalt",),
        case_volume=1,
    ),
    ProcessTopic(
        slug="datenschutz-auskunftsersuchen",
        title="Datenschutz-Auskunftsersuchen (Art. 15 DSGVO)",
        department="ZD",
        summary=(
            "Bearbeitung von Auskunftsersuchen betroffener Personen innerhalb eines Monats, "
            "koordiniert durch die oder den Datenschutzbeauftragten."
        ),
        category="unterstuetzung",
        trigger="Eine Person verlangt Auskunft über ihre verarbeiteten Daten.",
        outcome="Vollständige Auskunft fristgerecht erteilt und dokumentiert.",
        inputs=(
            "Auskunftsersuchen",
            "Identitätsnachweis",
            "Verzeichnis der Verarbeitungstätigkeiten",
        ),
        outputs=("Auskunftsschreiben mit Datenkopie", "Dokumentation im Datenschutzordner"),
        steps=(
            Step(
                "Ersuchen erfassen und Frist notieren",
                "Datenschutzbeauftragte",
                "d.velop documents",
                "Eingang dokumentieren, Frist ein Monat.",
                "10 Minuten",
            ),
            Step(
                "Identität prüfen",
                "Datenschutzbeauftragte",
                None,
                "Nur bei begründeten Zweifeln zusätzliche Nachweise anfordern.",
                "10 Minuten",
            ),
            Step(
                "Daten in den Fachbereichen abfragen",
                "Datenschutzbeauftragte",
                "Microsoft 365",
                "Alle Verarbeitungstätigkeiten laut Verzeichnis prüfen lassen.",
                "1 Woche",
            ),
            Step(
                "Auskunft zusammenstellen",
                "Datenschutzbeauftragte",
                "d.velop documents",
                "Zwecke, Empfänger, Speicherdauer, Herkunft; Rechte Dritter schwärzen.",
                "3 Stunden",
            ),
            Step(
                "Auskunft versenden",
                "Datenschutzbeauftragte",
                "d.velop documents",
                "",
                "15 Minuten",
            ),
        ),
        laws=(
            Law(
                "Art. 15 DSGVO",
                "Auskunftsrecht der betroffenen Person",
                "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
            ),
            Law(
                "Art. 12 DSGVO",
                "Transparente Information, Fristen",
                "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
            ),
            Law("LDSG", "Landesdatenschutzgesetz Rheinland-Pfalz", RLP),
        ),
        service_key="99105001001000",
        systems=("d.velop documents", "Microsoft 365"),
        tags=("Datenschutz",),
        case_volume=25,
        processing_minutes=420,
        maturity=2,
    ),
    ProcessTopic(
        slug="kita-platzvergabe",
        title="Kita-Platzvergabe",
        department="SOZ",
        summary=(
            "Vergabe der Betreuungsplätze in den Kindertagesstätten nach Vormerkung im "
            "Kita-Portal und den Vergabekriterien der Verbandsgemeinde."
        ),
        category="kern",
        trigger="Vormerkung der Eltern im Kita-Portal; Vergaberunde im Frühjahr.",
        outcome="Platzzusage oder Wartelistenplatz, Betreuungsvertrag mit der Kita.",
        inputs=("Vormerkung", "Vergabekriterien", "Freie Plätze der Einrichtungen"),
        outputs=("Platzzusage", "Absage mit Wartelistenplatz", "Meldung an das Jugendamt"),
        steps=(
            Step(
                "Vormerkungen prüfen",
                "Sachbearbeitung Kita",
                "Kita-Portal",
                "Doppelte Vormerkungen bereinigen, Wohnsitz prüfen.",
                "5 Minuten",
            ),
            Step(
                "Plätze abgleichen",
                "Sachbearbeitung Kita",
                "Kita-Portal",
                "Mit den Kita-Leitungen freie Plätze je Gruppe abstimmen.",
                "2 Tage",
            ),
            Step(
                "Vergabe nach Kriterien",
                "Sachbearbeitung Kita",
                "Kita-Portal",
                "Rechtsanspruch, Alter, Geschwisterkinder, Berufstätigkeit.",
                "3 Tage",
            ),
            Step(
                "Zusagen versenden",
                "Sachbearbeitung Kita",
                "Kita-Portal",
                "Zusage mit Frist zur Annahme.",
                "1 Tag",
            ),
            Step(
                "Elternbeitragsfreiheit und Statistik",
                "Sachbearbeitung Kita",
                "ProSoz",
                "Daten für Landesstatistik und Jugendamt melden.",
                "1 Tag",
            ),
        ),
        laws=(
            Law(
                "§ 24 SGB VIII",
                "Anspruch auf Förderung in Tageseinrichtungen",
                f"{GII}/sgb_8/__24.html",
            ),
            Law("§ 14 KiTaG", "Rechtsanspruch (Kindertagesstättengesetz Rheinland-Pfalz)", RLP),
        ),
        service_key="99059002001000",
        systems=("Kita-Portal", "ProSoz"),
        tags=("Kita", "OZG", "Bürgerservice"),
        case_volume=480,
        processing_minutes=40,
        maturity=3,
        criticality="hoch",
        rto_hours=120,
    ),
    ProcessTopic(
        slug="bauantrag-vollstaendigkeitspruefung",
        title="Bauantrag Vollständigkeitsprüfung",
        department="BAU",
        summary=(
            "Prüfung eingereichter Bauanträge auf Vollständigkeit, Einholung des gemeindlichen "
            "Einvernehmens und Weiterleitung an die Kreisverwaltung als Bauaufsicht."
        ),
        category="kern",
        trigger="Eingang eines Bauantrags bei der Verbandsgemeindeverwaltung.",
        outcome="Vollständiger Antrag mit Stellungnahme an die Bauaufsicht weitergeleitet.",
        inputs=("Bauantrag mit Bauvorlagen", "Bebauungsplan", "Stellungnahme der Ortsgemeinde"),
        outputs=("Eingangsbestätigung", "Nachforderung", "Weiterleitung mit Einvernehmen"),
        steps=(
            Step(
                "Eingang bestätigen",
                "Sachbearbeitung Bauen",
                "d.velop documents",
                "Digitalen Bauantrag übernehmen oder Papiervorlagen scannen.",
                "10 Minuten",
            ),
            Step(
                "Vollständigkeit prüfen",
                "Sachbearbeitung Bauen",
                "d.velop documents",
                "Bauvorlagen nach Bauunterlagenprüfverordnung prüfen, fehlende Unterlagen "
                "nachfordern.",
                "45 Minuten",
            ),
            Step(
                "Planungsrecht prüfen",
                "Sachbearbeitung Bauen",
                None,
                "Bebauungsplan, Innen- oder Außenbereich.",
                "30 Minuten",
            ),
            Step(
                "Einvernehmen der Ortsgemeinde einholen",
                "Sachbearbeitung Bauen",
                "ALLRIS",
                "Vorlage für den Ortsgemeinderat, Frist zwei Monate.",
                "2 Monate",
            ),
            Step(
                "An die Bauaufsicht weiterleiten",
                "Sachbearbeitung Bauen",
                "d.velop documents",
                "",
                "10 Minuten",
            ),
        ),
        laws=(
            Law("§ 63 LBauO", "Bauantrag (Landesbauordnung Rheinland-Pfalz)", RLP),
            Law("§ 36 BauGB", "Beteiligung der Gemeinde", f"{GII}/bbaug/__36.html"),
        ),
        service_key="99038004001000",
        systems=("d.velop documents", "ALLRIS"),
        tags=("Bauen", "OZG", "E-Akte"),
        case_volume=380,
        processing_minutes=150,
        maturity=2,
    ),
)

PROCESSES: tuple[ProcessSpec, ...] = (
    # Diez
    ProcessSpec(
        "diez",
        "datenschutz-auskunftsersuchen",
        owner="die-lang",
        deputies=("die-neumann",),
        review_due=datetime.date(2026, 10, 31),
    ),
    ProcessSpec(
        "diez",
        "kita-platzvergabe",
        owner="die-koch",
        overrides={"case_volume": 390},
    ),
    ProcessSpec(
        "diez",
        "haushaltsplan-aufstellen",
        owner="die-schmitt",
        deputies=("die-wagner",),
    ),
    # Kaisersesch
    ProcessSpec(
        "kaisersesch",
        "sitzungsvorbereitung-verbandsgemeinderat",
        owner="kai-klein",
        deputies=("kai-bauer",),
    ),
    ProcessSpec(
        "kaisersesch",
        "bauantrag-vollstaendigkeitspruefung",
        owner="kai-theisen",
        status="soll",
        overrides={
            "case_volume": 210,
            "summary": (
                "Soll-Prozess für den digitalen Bauantrag: Unterlagen kommen über das "
                "Bauportal, die Prüfung erfolgt vollständig in der E-Akte."
            ),
            "maturity": 4,
        },
    ),
    ProcessSpec(
        "kaisersesch",
        "haushaltsplan-aufstellen",
        owner="kai-fuchs",
        related=("sitzungsvorbereitung-verbandsgemeinderat",),
    ),
    # Montabaur
    ProcessSpec(
        "montabaur",
        "kita-platzvergabe",
        owner="mon-wolf",
        status="in_ueberarbeitung",
        overrides={"case_volume": 910, "rto_hours": 72},
    ),
    ProcessSpec(
        "montabaur",
        "bauantrag-vollstaendigkeitspruefung",
        owner="mon-meyer",
        review_due=datetime.date(2026, 4, 30),
        overrides={"case_volume": 640},
    ),
    ProcessSpec(
        "montabaur",
        "sitzungsvorbereitung-verbandsgemeinderat",
        owner="mon-schuster",
        status="archiviert",
        overrides={
            "title": "Sitzungsvorbereitung Verbandsgemeinderat (Papierversand bis 2024)",
            "summary": (
                "Archiviert: Versand der Sitzungsunterlagen in Papierform; seit 2025 nur noch "
                "über das Ratsinformationssystem."
            ),
        },
    ),
    # Weißenthurm
    ProcessSpec(
        "weissenthurm",
        "datenschutz-auskunftsersuchen",
        owner="wei-sauer",
        status="soll",
        related=("diez/datenschutz-auskunftsersuchen",),
    ),
)
