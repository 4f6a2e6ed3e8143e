"""Finance processes: local taxes, invoices, procurement, fire brigade cost recovery."""

from __future__ import annotations

import datetime

from demo.data.types import Law, ProcessSpec, ProcessTopic, Step

GII = "https://www.gesetze-im-internet.de"
RLP = "https://landesrecht.rlp.de"

TOPICS: tuple[ProcessTopic, ...] = (
    ProcessTopic(
        slug="hundesteuer-an-und-abmeldung",
        title="Hundesteuer An- und Abmeldung",
        department="FIN",
        summary=(
            "An- und Abmeldung von Hunden zur Hundesteuer der Ortsgemeinden; Ausgabe und "
            "Rücknahme der Steuermarke."
        ),
        category="kern",
        trigger="Anschaffung, Abgabe oder Tod eines Hundes; Zu- oder Wegzug der Halterin.",
        outcome="Steuerbescheid oder Änderungsbescheid, Steuermarke ausgegeben.",
        inputs=("An- oder Abmeldeformular", "Nachweis bei Ermäßigung (z. B. Rettungshund)"),
        outputs=("Hundesteuerbescheid", "Hundesteuermarke"),
        steps=(
            Step(
                "Meldung entgegennehmen",
                "Sachbearbeitung Steuern",
                "d.velop documents",
                "Formular online, per Post oder im Bürgerbüro.",
                "3 Minuten",
            ),
            Step(
                "Steuerpflicht prüfen",
                "Sachbearbeitung Steuern",
                "Infoma newsystem",
                "Gefährlicher Hund, Ermäßigung oder Befreiung nach Satzung prüfen.",
                "5 Minuten",
            ),
            Step(
                "Veranlagung buchen",
                "Sachbearbeitung Steuern",
                "Infoma newsystem",
                "Objekt anlegen oder beenden, Bescheid erzeugen.",
                "6 Minuten",
            ),
            Step(
                "Steuermarke versenden",
                "Sachbearbeitung Steuern",
                None,
                "Marke mit Bescheid versenden; bei Abmeldung Rückgabe vermerken.",
                "2 Minuten",
            ),
        ),
        laws=(
            Law("§ 5 KAG", "Steuern (Kommunalabgabengesetz Rheinland-Pfalz)", RLP),
            Law("Hundesteuersatzung", "Satzung der jeweiligen Ortsgemeinde", ""),
        ),
        service_key="99041007001000",
        systems=("Infoma newsystem", "d.velop documents"),
        tags=("Steuern", "OZG"),
        case_volume=620,
        processing_minutes=16,
        maturity=3,
    ),
    ProcessTopic(
        slug="grundsteuerbescheid-erstellen",
        title="Grundsteuerbescheid erstellen",
        department="FIN",
        summary=(
            "Festsetzung der Grundsteuer A und B auf Grundlage der Messbescheide des Finanzamts "
            "und der Hebesätze der Ortsgemeinden."
        ),
        category="kern",
        trigger="Eingang eines Grundsteuermessbescheids oder Änderung des Hebesatzes.",
        outcome="Grundsteuerbescheid zugestellt, Sollstellung in der Kasse.",
        inputs=("Grundsteuermessbescheid (elektronisch vom Finanzamt)", "Hebesatzsatzung"),
        outputs=("Grundsteuerbescheid", "Sollstellung"),
        steps=(
            Step(
                "Messbescheide einlesen",
                "Sachbearbeitung Steuern",
                "Infoma newsystem",
                "Elektronische Datenübermittlung des Finanzamts importieren, Fehler klären.",
                "2 Tage",
            ),
            Step(
                "Eigentümer zuordnen",
                "Sachbearbeitung Steuern",
                "Infoma newsystem",
                "Steuerpflichtige mit Personenkonten abgleichen.",
                "10 Minuten",
            ),
            Step(
                "Steuer festsetzen",
                "Sachbearbeitung Steuern",
                "Infoma newsystem",
                "Hebesatz der Ortsgemeinde anwenden, Jahresbescheid berechnen.",
                "5 Minuten",
            ),
            Step(
                "Bescheide drucken und versenden",
                "Sachbearbeitung Steuern",
                "Infoma newsystem",
                "Massendruck über das Druckzentrum, Zustellung per Post.",
                "1 Tag",
            ),
            Step(
                "Widersprüche bearbeiten",
                "Fachbereichsleitung Finanzen",
                "d.velop documents",
                "Einwendungen gegen den Messbetrag an das Finanzamt verweisen.",
                "",
            ),
        ),
        laws=(
            Law("§ 25 GrStG", "Festsetzung des Hebesatzes", f"{GII}/grstg_1973/__25.html"),
            Law("§ 27 GrStG", "Festsetzung der Grundsteuer", f"{GII}/grstg_1973/__27.html"),
        ),
        service_key="99041008001000",
        systems=("Infoma newsystem", "d.velop documents"),
        tags=("Steuern", "Grundsteuerreform"),
        case_volume=14500,
        processing_minutes=4,
        maturity=1,
        criticality="normal",
    ),
    ProcessTopic(
        slug="rechnungseingang-und-zahlungsanweisung",
        title="Rechnungseingang und Zahlungsanweisung",
        department="FIN",
        summary=(
            "Elektronischer Rechnungsworkflow von der E-Rechnung (XRechnung) bis zur "
            "Zahlungsanordnung mit Vier-Augen-Prinzip."
        ),
        category="unterstuetzung",
        trigger="Eingang einer Rechnung per E-Rechnungsplattform, E-Mail oder Post.",
        outcome="Rechnung sachlich und rechnerisch festgestellt, fristgerecht bezahlt.",
        inputs=("Rechnung (XRechnung, ZUGFeRD oder Papier)", "Bestellung oder Auftrag"),
        outputs=("Zahlungsanordnung", "Buchung im Haushalt"),
        steps=(
            Step(
                "Rechnung erfassen",
                "Kasse",
                "d.velop documents",
                "XRechnung automatisch einlesen, Papierrechnungen scannen.",
                "3 Minuten",
            ),
            Step(
                "Sachlich richtig zeichnen",
                "Bestellender Fachbereich",
                "d.velop documents",
                "Lieferung oder Leistung bestätigen.",
                "5 Minuten",
            ),
            Step(
                "Rechnerisch prüfen und kontieren",
                "Sachbearbeitung Finanzen",
                "Infoma newsystem",
                "Haushaltsstelle, Skonto und Umsatzsteuer prüfen.",
                "6 Minuten",
            ),
            Step(
                "Zahlung anordnen",
                "Anordnungsbefugte Person",
                "Infoma newsystem",
                "Freigabe im Vier-Augen-Prinzip.",
                "2 Minuten",
            ),
            Step(
                "Zahllauf ausführen",
                "Kasse",
                "Infoma newsystem",
                "Täglicher Zahllauf, Übergabe an die Bank.",
                "",
            ),
        ),
        laws=(
            Law("§ 14 UStG", "Ausstellung von Rechnungen", f"{GII}/ustg_1980/__14.html"),
            Law("GemHVO", "Gemeindehaushaltsverordnung Rheinland-Pfalz", RLP),
        ),
        systems=("Infoma newsystem", "d.velop documents"),
        tags=("E-Akte", "E-Rechnung", "Haushalt"),
        case_volume=9800,
        processing_minutes=12,
        criticality="hoch",
        rto_hours=72,
    ),
    ProcessTopic(
        slug="beschaffung-unter-wertgrenze",
        title="Beschaffung unter Wertgrenze",
        department="ZD",
        summary=(
            "Beschaffung von Liefer- und Dienstleistungen bis zur Wertgrenze für den "
            "Direktauftrag mit Vergleichsangeboten und Dokumentation."
        ),
        category="unterstuetzung",
        trigger="Bedarfsmeldung eines Fachbereichs.",
        outcome="Auftrag erteilt, Vergabe dokumentiert.",
        inputs=("Bedarfsmeldung", "Haushaltsmittel", "Vergleichsangebote"),
        outputs=("Bestellung", "Vergabevermerk"),
        steps=(
            Step(
                "Bedarf melden",
                "Fachbereich",
                "d.velop documents",
                "Leistungsbeschreibung und Kostenschätzung.",
                "15 Minuten",
            ),
            Step(
                "Mittel prüfen",
                "Sachbearbeitung Finanzen",
                "Infoma newsystem",
                "Verfügbare Haushaltsmittel reservieren.",
                "5 Minuten",
            ),
            Step(
                "Angebote einholen",
                "Zentrale Beschaffung",
                "Microsoft 365",
                "Mindestens drei Angebote oder Direktauftrag begründen.",
                "5 Tage",
            ),
            Step(
                "Zuschlag erteilen",
                "Zentrale Beschaffung",
                "d.velop documents",
                "Vergabevermerk anlegen, Bestellung versenden.",
                "20 Minuten",
            ),
        ),
        laws=(
            Law("§ 22 GemHVO", "Vergabe von Aufträgen", RLP),
            Law("VV Öffentliches Auftragswesen", "Verwaltungsvorschrift Rheinland-Pfalz", RLP),
        ),
        systems=("Infoma newsystem", "d.velop documents", "Microsoft 365"),
        tags=("Beschaffung", "Haushalt"),
        case_volume=700,
        processing_minutes=90,
    ),
    ProcessTopic(
        slug="feuerwehr-einsatzabrechnung",
        title="Feuerwehr-Einsatzabrechnung",
        department="FW",
        summary=(
            "Abrechnung kostenpflichtiger Feuerwehreinsätze (z. B. Ölspuren, Fehlalarme von "
            "Brandmeldeanlagen) nach der Feuerwehr-Kostenersatzsatzung."
        ),
        category="kern",
        trigger="Einsatzbericht eines kostenpflichtigen Einsatzes liegt vor.",
        outcome="Kostenbescheid zugestellt, Forderung in der Kasse.",
        inputs=("Einsatzbericht", "Fahrzeug- und Personalstunden", "Kostenersatzsatzung"),
        outputs=("Kostenbescheid", "Anhörungsschreiben"),
        steps=(
            Step(
                "Einsatzbericht prüfen",
                "Feuerwehrverwaltung",
                "d.velop documents",
                "Kostenpflicht nach § 36 LBKG prüfen.",
                "15 Minuten",
            ),
            Step(
                "Kosten berechnen",
                "Feuerwehrverwaltung",
                "Infoma newsystem",
                "Stundensätze für Fahrzeuge und Personal laut Satzung.",
                "15 Minuten",
            ),
            Step(
                "Anhörung",
                "Feuerwehrverwaltung",
                "d.velop documents",
                "Pflichtigen anhören, Frist zwei Wochen.",
                "2 Wochen",
            ),
            Step(
                "Kostenbescheid erlassen",
                "Feuerwehrverwaltung",
                "Infoma newsystem",
                "Bescheid und Sollstellung.",
                "10 Minuten",
            ),
        ),
        laws=(
            Law("§ 36 LBKG", "Kostenersatz (Brand- und Katastrophenschutzgesetz)", RLP),
            Law("Feuerwehr-Kostenersatzsatzung", "Satzung der Verbandsgemeinde", ""),
        ),
        systems=("Infoma newsystem", "d.velop documents"),
        tags=("Feuerwehr", "Gebühren"),
        case_volume=85,
        processing_minutes=75,
        maturity=0,
    ),
)

PROCESSES: tuple[ProcessSpec, ...] = (
    # Diez
    ProcessSpec(
        "diez",
        "hundesteuer-an-und-abmeldung",
        owner="die-wagner",
        deputies=("die-schmitt",),
        related=("grundsteuerbescheid-erstellen",),
    ),
    ProcessSpec(
        "diez",
        "grundsteuerbescheid-erstellen",
        owner="die-wagner",
        deputies=("die-schmitt",),
        related=("hundesteuer-an-und-abmeldung",),
        overrides={"case_volume": 16800},
    ),
    ProcessSpec(
        "diez",
        "rechnungseingang-und-zahlungsanweisung",
        owner="die-schmitt",
        deputies=("die-wagner",),
        related=("posteingang-e-akte",),
        share=True,
    ),
    ProcessSpec(
        "diez",
        "feuerwehr-einsatzabrechnung",
        owner="die-weber",
        deputies=("die-schmitt",),
        review_due=datetime.date(2026, 5, 31),
    ),
    # Kaisersesch
    ProcessSpec(
        "kaisersesch",
        "hundesteuer-an-und-abmeldung",
        owner="kai-fuchs",
        overrides={"case_volume": 280, "maturity": 1},
    ),
    ProcessSpec(
        "kaisersesch",
        "grundsteuerbescheid-erstellen",
        owner="kai-fuchs",
        overrides={"case_volume": 9200, "criticality": "hoch", "rto_hours": 120},
    ),
    ProcessSpec(
        "kaisersesch",
        "rechnungseingang-und-zahlungsanweisung",
        owner="kai-fuchs",
        deputies=("kai-klein",),
        overrides={"case_volume": 5200, "rto_hours": 48},
    ),
    ProcessSpec(
        "kaisersesch",
        "beschaffung-unter-wertgrenze",
        owner="kai-klein",
        deputies=("kai-fuchs",),
        related=("rechnungseingang-und-zahlungsanweisung",),
    ),
    # Montabaur
    ProcessSpec(
        "montabaur",
        "rechnungseingang-und-zahlungsanweisung",
        owner="mon-vogel",
        related=("diez/rechnungseingang-und-zahlungsanweisung",),
        overrides={"case_volume": 14200, "processing_minutes": 9},
    ),
    # Weißenthurm
    ProcessSpec(
        "weissenthurm",
        "hundesteuer-an-und-abmeldung",
        owner="wei-krause",
        overrides={"case_volume": 740},
    ),
    ProcessSpec(
        "weissenthurm",
        "rechnungseingang-und-zahlungsanweisung",
        owner="wei-krause",
        deputies=("wei-braun",),
        overrides={"case_volume": 11000, "rto_hours": 48},
    ),
    ProcessSpec(
        "weissenthurm",
        "beschaffung-unter-wertgrenze",
        owner="wei-braun",
        status="archiviert",
        overrides={
            "title": "Beschaffung unter Wertgrenze (Papierverfahren bis 2025)",
            "summary": (
                "Archiviert: Beschaffung mit Papier-Bestellschein und Unterschriftenmappe; "
                "ersetzt durch den elektronischen Rechnungsworkflow."
            ),
            "systems": ("Infoma newsystem",),
        },
    ),
)
