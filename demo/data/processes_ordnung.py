"""Ordnungsamt processes: trade notifications, road use, traffic orders, cemetery rights."""

from __future__ import annotations

import datetime

from demo.data.types import Law, ProcessSpec, ProcessTopic, Step

GII = "https://www.gesetze-im-internet.de"
RLP = "https://landesrecht.rlp.de"

_GEWERBE_LAWS = (
    Law("§ 14 GewO", "Anzeigepflicht", f"{GII}/gewo/__14.html"),
    Law("§ 15 GewO", "Empfangsbescheinigung", f"{GII}/gewo/__15.html"),
    Law("GewAnzV", "Gewerbeanzeigeverordnung", f"{GII}/gewanzv_2014/"),
)


def _gewerbe_steps(form: str, check: str) -> tuple[Step, ...]:
    return (
        Step(
            "Anzeige entgegennehmen",
            "Sachbearbeitung Gewerbe",
            None,
            f"Vordruck {form} persönlich, per Post oder online über das Serviceportal.",
            "5 Minuten",
        ),
        Step("Angaben prüfen", "Sachbearbeitung Gewerbe", "VOIS|GEWAN", check, "10 Minuten"),
        Step(
            "Anzeige erfassen",
            "Sachbearbeitung Gewerbe",
            "VOIS|GEWAN",
            "Datensatz anlegen oder fortschreiben, Gebühr festsetzen.",
            "8 Minuten",
        ),
        Step(
            "Empfangsbescheinigung ausstellen",
            "Sachbearbeitung Gewerbe",
            "VOIS|GEWAN",
            "Bescheinigung nach § 15 GewO drucken oder elektronisch zustellen.",
            "3 Minuten",
        ),
        Step(
            "Daten übermitteln",
            "Sachbearbeitung Gewerbe",
            "VOIS|GEWAN",
            "XGewerbeanzeige an Finanzamt, IHK/HWK, Statistisches Landesamt und weitere Stellen.",
            "2 Minuten",
        ),
    )


TOPICS: tuple[ProcessTopic, ...] = (
    ProcessTopic(
        slug="gewerbeanmeldung",
        title="Gewerbeanmeldung",
        department="OA",
        summary=(
            "Anzeige eines stehenden Gewerbes bei Beginn des Betriebs. Die Verbandsgemeinde "
            "bescheinigt den Empfang und informiert Finanzamt, Kammern und weitere Stellen."
        ),
        category="kern",
        trigger="Gewerbetreibende zeigen den Beginn eines Gewerbes an (Vordruck GewA 1).",
        outcome="Empfangsbescheinigung erteilt, Meldungen an die beteiligten Stellen versandt.",
        inputs=(
            "Gewerbeanzeige GewA 1",
            "Personalausweis oder Reisepass",
            "Handelsregisterauszug (bei juristischen Personen)",
            "Erlaubnis bei erlaubnispflichtigen Gewerben",
        ),
        outputs=("Empfangsbescheinigung", "Gebührenbescheid", "XGewerbeanzeige-Datensätze"),
        steps=_gewerbe_steps(
            "GewA 1",
            "Identität, Erlaubnispflicht (z. B. § 34c GewO) und Handwerksrolle prüfen.",
        ),
        laws=_GEWERBE_LAWS,
        service_key="99050012104000",
        systems=("VOIS|GEWAN", "d.velop documents"),
        tags=("Bürgerservice", "Gewerbe", "OZG"),
        case_volume=420,
        processing_minutes=28,
        maturity=3,
        criticality="hoch",
        rto_hours=72,
        bpmn="gewerbeanmeldung.bpmn",
    ),
    ProcessTopic(
        slug="gewerbeummeldung",
        title="Gewerbeummeldung",
        department="OA",
        summary="Anzeige einer Verlegung oder Änderung eines angemeldeten Gewerbes.",
        category="kern",
        trigger="Betriebsverlegung innerhalb der Verbandsgemeinde oder Änderung der Tätigkeit.",
        outcome="Empfangsbescheinigung über die Ummeldung, Meldungen versandt.",
        inputs=("Gewerbeanzeige GewA 2", "Personalausweis"),
        outputs=("Empfangsbescheinigung", "XGewerbeanzeige-Datensätze"),
        steps=_gewerbe_steps("GewA 2", "Bestehenden Datensatz suchen, Änderungen abgleichen."),
        laws=_GEWERBE_LAWS,
        service_key="99050012154000",
        systems=("VOIS|GEWAN",),
        tags=("Bürgerservice", "Gewerbe", "OZG"),
        case_volume=130,
        processing_minutes=20,
        maturity=3,
    ),
    ProcessTopic(
        slug="gewerbeabmeldung",
        title="Gewerbeabmeldung",
        department="OA",
        summary="Anzeige der Aufgabe eines Gewerbebetriebs.",
        category="kern",
        trigger="Betriebsaufgabe oder Wegzug des Betriebs aus der Verbandsgemeinde.",
        outcome="Gewerbe abgemeldet, Empfangsbescheinigung erteilt.",
        inputs=("Gewerbeanzeige GewA 3", "Personalausweis"),
        outputs=("Empfangsbescheinigung", "XGewerbeanzeige-Datensätze"),
        steps=_gewerbe_steps("GewA 3", "Datensatz suchen, Datum der Betriebsaufgabe prüfen."),
        laws=_GEWERBE_LAWS,
        service_key="99050012109000",
        systems=("VOIS|GEWAN",),
        tags=("Bürgerservice", "Gewerbe", "OZG"),
        case_volume=310,
        processing_minutes=15,
        maturity=3,
    ),
    ProcessTopic(
        slug="sondernutzungserlaubnis",
        title="Sondernutzungserlaubnis",
        department="OA",
        summary=(
            "Erlaubnis für die Nutzung öffentlicher Verkehrsflächen über den Gemeingebrauch "
            "hinaus: Außengastronomie, Gerüste, Container, Werbeaufsteller."
        ),
        category="kern",
        trigger="Antrag von Gewerbetreibenden, Bauherren oder Vereinen.",
        outcome="Erlaubnisbescheid mit Auflagen und Gebührenfestsetzung.",
        inputs=(
            "Antrag mit Lageplan",
            "Zeitraum und Fläche",
            "Nachweis der Haftpflichtversicherung",
        ),
        outputs=("Erlaubnisbescheid", "Gebührenbescheid"),
        steps=(
            Step(
                "Antrag prüfen",
                "Sachbearbeitung Straßenverkehr",
                "OK.VERKEHR",
                "Vollständigkeit, Lage und Zuständigkeit (Gemeinde-, Kreis-, Landesstraße).",
                "15 Minuten",
            ),
            Step(
                "Stellungnahmen einholen",
                "Sachbearbeitung Straßenverkehr",
                "Microsoft 365",
                "Ortsgemeinde, Polizei und Straßenbaulastträger beteiligen.",
                "5 Tage",
            ),
            Step(
                "Bescheid erstellen",
                "Sachbearbeitung Straßenverkehr",
                "OK.VERKEHR",
                "Auflagen, Befristung und Gebühr nach Sondernutzungssatzung.",
                "20 Minuten",
            ),
            Step(
                "Gebühr anordnen",
                "Sachbearbeitung Straßenverkehr",
                "Infoma newsystem",
                "Sollstellung für die Kasse.",
                "5 Minuten",
            ),
        ),
        laws=(
            Law("§ 41 LStrG", "Sondernutzung (Landesstraßengesetz Rheinland-Pfalz)", RLP),
            Law("§ 8 FStrG", "Sondernutzungen an Bundesstraßen", f"{GII}/fstrg/__8.html"),
        ),
        service_key="99108006041000",
        systems=("OK.VERKEHR", "Infoma newsystem"),
        tags=("Straßenverkehr", "Gebühren"),
        case_volume=160,
        processing_minutes=60,
        maturity=2,
    ),
    ProcessTopic(
        slug="verkehrsrechtliche-anordnung",
        title="Verkehrsrechtliche Anordnung",
        department="OA",
        summary=(
            "Anordnung von Verkehrszeichen und Absperrungen für Baustellen, Umzüge und "
            "Veranstaltungen."
        ),
        category="kern",
        trigger="Antrag eines Bauunternehmens, Veranstalters oder einer Umzugsfirma.",
        outcome="Verkehrsrechtliche Anordnung mit Verkehrszeichenplan.",
        inputs=("Antrag mit Verkehrszeichenplan (RSA 21)", "Zeitraum", "Ansprechperson vor Ort"),
        outputs=("Anordnung", "Information an Polizei und Rettungsdienst"),
        steps=(
            Step(
                "Antrag prüfen",
                "Sachbearbeitung Straßenverkehr",
                "OK.VERKEHR",
                "Verkehrszeichenplan nach RSA 21 prüfen.",
                "20 Minuten",
            ),
            Step(
                "Beteiligung",
                "Sachbearbeitung Straßenverkehr",
                "Microsoft 365",
                "Polizei, ÖPNV und Straßenmeisterei anhören.",
                "3 Tage",
            ),
            Step(
                "Anordnung erlassen",
                "Sachbearbeitung Straßenverkehr",
                "OK.VERKEHR",
                "",
                "15 Minuten",
            ),
            Step(
                "Kontrolle vor Ort",
                "Vollzugsdienst",
                None,
                "Stichprobenartige Kontrolle der Beschilderung.",
                "30 Minuten",
            ),
        ),
        laws=(
            Law(
                "§ 45 StVO",
                "Verkehrszeichen und Verkehrseinrichtungen",
                f"{GII}/stvo_2013/__45.html",
            ),
            Law("§ 44 StVO", "Sachliche Zuständigkeit", f"{GII}/stvo_2013/__44.html"),
        ),
        service_key="99107052001000",
        systems=("OK.VERKEHR",),
        tags=("Straßenverkehr",),
        case_volume=540,
        processing_minutes=45,
        maturity=2,
    ),
    ProcessTopic(
        slug="grabnutzungsrecht-verlaengern",
        title="Grabnutzungsrecht verlängern",
        department="OA",
        summary="Verlängerung des Nutzungsrechts an einer Wahlgrabstätte auf einem Friedhof.",
        category="kern",
        trigger="Antrag der Nutzungsberechtigten oder Ablauf des Nutzungsrechts.",
        outcome="Verlängerte Graburkunde und Gebührenbescheid.",
        inputs=("Antrag", "Bisherige Graburkunde"),
        outputs=("Graburkunde", "Gebührenbescheid"),
        steps=(
            Step(
                "Nutzungsrecht prüfen",
                "Sachbearbeitung Friedhofswesen",
                "d.velop documents",
                "Grabakte und Ruhefristen prüfen.",
                "10 Minuten",
            ),
            Step(
                "Gebühr berechnen",
                "Sachbearbeitung Friedhofswesen",
                "Infoma newsystem",
                "Nach Friedhofsgebührensatzung der Ortsgemeinde.",
                "5 Minuten",
            ),
            Step(
                "Urkunde und Bescheid versenden",
                "Sachbearbeitung Friedhofswesen",
                "d.velop documents",
                "",
                "5 Minuten",
            ),
        ),
        laws=(
            Law("§ 6 BestG", "Friedhofsträger (Bestattungsgesetz Rheinland-Pfalz)", RLP),
            Law("Friedhofssatzung", "Satzung der Ortsgemeinde", ""),
        ),
        service_key="99097002081000",
        systems=("Infoma newsystem", "d.velop documents"),
        tags=("Friedhof", "Gebühren"),
        case_volume=140,
        processing_minutes=25,
        maturity=1,
    ),
)

PROCESSES: tuple[ProcessSpec, ...] = (
    # Diez
    ProcessSpec(
        "diez",
        "gewerbeanmeldung",
        owner="die-becker",
        deputies=("die-kraemer", "die-hoffmann"),
        related=("gewerbeummeldung", "gewerbeabmeldung"),
        share=True,
    ),
    ProcessSpec(
        "diez",
        "gewerbeummeldung",
        owner="die-becker",
        deputies=("die-kraemer",),
        related=("gewerbeanmeldung", "gewerbeabmeldung"),
    ),
    ProcessSpec(
        "diez",
        "gewerbeabmeldung",
        owner="die-becker",
        deputies=("die-kraemer",),
        related=("gewerbeanmeldung",),
        review_due=datetime.date(2026, 8, 31),
    ),
    # Kaisersesch: trade notifications at the citizens' office, with the BPMN model of Diez
    ProcessSpec(
        "kaisersesch",
        "gewerbeanmeldung",
        owner="kai-schneider",
        deputies=("kai-hess",),
        related=("diez/gewerbeanmeldung",),
        overrides={
            "department": "BB",
            "case_volume": 190,
            "processing_minutes": 30,
            "maturity": 2,
            "summary": (
                "Anzeige eines stehenden Gewerbes im Bürgerbüro Kaisersesch; Modell in Anlehnung "
                "an die Verbandsgemeinde Diez."
            ),
        },
    ),
    ProcessSpec(
        "kaisersesch",
        "grabnutzungsrecht-verlaengern",
        owner="kai-hess",
        overrides={"case_volume": 95},
    ),
    # Montabaur
    ProcessSpec(
        "montabaur",
        "gewerbeanmeldung",
        owner="mon-roth",
        deputies=("mon-hartmann",),
        related=("diez/gewerbeanmeldung",),
        overrides={"case_volume": 780, "processing_minutes": 22, "maturity": 4, "bpmn": ""},
    ),
    ProcessSpec(
        "montabaur",
        "sondernutzungserlaubnis",
        owner="mon-roth",
        related=("verkehrsrechtliche-anordnung",),
        overrides={"case_volume": 240},
    ),
    ProcessSpec(
        "montabaur",
        "verkehrsrechtliche-anordnung",
        owner="mon-roth",
        related=("sondernutzungserlaubnis",),
        review_due=datetime.date(2026, 7, 31),
        overrides={"case_volume": 820},
    ),
    # Weißenthurm
    ProcessSpec(
        "weissenthurm",
        "grabnutzungsrecht-verlaengern",
        owner="wei-lehmann",
        overrides={"case_volume": 210, "processing_minutes": 20},
    ),
    ProcessSpec(
        "weissenthurm",
        "sondernutzungserlaubnis",
        owner="wei-lehmann",
        status="soll",
        overrides={
            "maturity": 3,
            "summary": (
                "Soll-Prozess: Sondernutzungen am Rheinufer künftig vollständig online "
                "beantragen und bescheiden."
            ),
        },
    ),
)
