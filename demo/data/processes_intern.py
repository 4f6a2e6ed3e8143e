"""Internal processes: incoming mail into the e-file, HR lifecycle, IT incidents."""

from __future__ import annotations

import datetime

from demo.data.types import Law, ProcessSpec, ProcessTopic, Step

GII = "https://www.gesetze-im-internet.de"
RLP = "https://landesrecht.rlp.de"

TOPICS: tuple[ProcessTopic, ...] = (
    ProcessTopic(
        slug="posteingang-e-akte",
        title="Posteingang E-Akte (Scannen und Zuordnen)",
        department="ZD",
        summary=(
            "Die Poststelle öffnet, scannt und verteilt die Papierpost ersetzend in die E-Akte; "
            "die Fachbereiche ordnen die Dokumente im Postkorb ihren Vorgängen zu."
        ),
        category="unterstuetzung",
        trigger="Täglicher Eingang von Papierpost in der Poststelle.",
        outcome="Dokument revisionssicher in der E-Akte, Vorgang im Fachbereich in Bearbeitung.",
        inputs=("Papierpost", "Aktenplan", "Scanregeln nach TR-RESISCAN"),
        outputs=("Scan mit Metadaten im Postkorb", "Vernichtungsprotokoll nach Ablauf der Frist"),
        steps=(
            Step(
                "Post öffnen und sortieren",
                "Poststelle",
                None,
                "Persönliche und vertrauliche Post ungeöffnet weiterleiten.",
                "1 Stunde täglich",
            ),
            Step(
                "Dokumente scannen",
                "Poststelle",
                "d.velop documents",
                "Ersetzendes Scannen nach TR-RESISCAN, Trennblätter verwenden.",
                "2 Minuten je Dokument",
            ),
            Step(
                "Qualität prüfen und Metadaten erfassen",
                "Poststelle",
                "d.velop documents",
                "Lesbarkeit, Vollständigkeit, Absender und Fachbereich.",
                "1 Minute je Dokument",
            ),
            Step(
                "Postkorb prüfen und zuordnen",
                "Sachbearbeitung im Fachbereich",
                "d.velop documents",
                "Dokument einem Vorgang im Aktenplan zuordnen oder zurückgeben.",
                "2 Minuten je Dokument",
            ),
            Step(
                "Papier aufbewahren und vernichten",
                "Poststelle",
                None,
                "Originale drei Monate aufbewahren, dann datenschutzgerecht vernichten.",
                "",
            ),
        ),
        laws=(
            Law("§ 7 EGovG", "Elektronische Aktenführung", f"{GII}/egovg/__7.html"),
            Law("LEGovG", "Landes-E-Government-Gesetz Rheinland-Pfalz", RLP),
            Law("BSI TR-03138", "Ersetzendes Scannen (TR-RESISCAN)", "https://www.bsi.bund.de"),
        ),
        systems=("d.velop documents",),
        tags=("E-Akte", "Digitalisierung"),
        case_volume=42000,
        processing_minutes=3,
        maturity=None,
        criticality="hoch",
        rto_hours=24,
        bpmn="posteingang_e_akte.bpmn",
    ),
    ProcessTopic(
        slug="urlaubsantrag",
        title="Urlaubsantrag",
        department="ZD",
        summary="Beantragung und Genehmigung von Erholungsurlaub in der Zeiterfassung.",
        category="unterstuetzung",
        trigger="Mitarbeitende planen Urlaub.",
        outcome="Urlaub genehmigt oder abgelehnt, Resturlaub aktualisiert.",
        inputs=("Urlaubsantrag", "Abwesenheitskalender des Teams"),
        outputs=("Genehmigung", "Eintrag im Abwesenheitskalender"),
        steps=(
            Step(
                "Antrag stellen",
                "Mitarbeitende",
                "Zeiterfassung",
                "Zeitraum wählen, Vertretung angeben.",
                "2 Minuten",
            ),
            Step(
                "Vertretung prüfen",
                "Vorgesetzte",
                "Zeiterfassung",
                "Besetzung des Teams und der Servicezeiten prüfen.",
                "3 Minuten",
            ),
            Step("Genehmigen", "Vorgesetzte", "Zeiterfassung", "", "1 Minute"),
            Step(
                "Kalender aktualisieren",
                "Mitarbeitende",
                "Microsoft 365",
                "Abwesenheit und Abwesenheitsnotiz eintragen.",
                "2 Minuten",
            ),
        ),
        laws=(
            Law("§ 26 TVöD", "Erholungsurlaub", ""),
            Law("BUrlG", "Bundesurlaubsgesetz", f"{GII}/burlg/"),
        ),
        systems=("Zeiterfassung", "Microsoft 365"),
        tags=("Personal",),
        case_volume=2600,
        processing_minutes=5,
    ),
    ProcessTopic(
        slug="onboarding-neuer-mitarbeitender",
        title="Onboarding neuer Mitarbeitender",
        department="ZD",
        summary=(
            "Alles vom unterschriebenen Arbeitsvertrag bis zum ersten Arbeitstag: Arbeitsplatz, "
            "Zugänge, Einweisung und Patenschaft."
        ),
        category="unterstuetzung",
        trigger="Arbeitsvertrag unterschrieben.",
        outcome="Neue Kollegin oder neuer Kollege arbeitsfähig, Einarbeitungsplan vereinbart.",
        inputs=("Arbeitsvertrag", "Stellenbeschreibung", "Einarbeitungsplan des Fachbereichs"),
        outputs=(
            "Benutzerkonten und Berechtigungen",
            "Einarbeitungsplan",
            "Datenschutz-Verpflichtung",
        ),
        steps=(
            Step(
                "Personalakte anlegen",
                "Sachbearbeitung Personal",
                "d.velop documents",
                "Nachweise nach NachwG, Sozialversicherung, Steuer-ID.",
                "45 Minuten",
            ),
            Step(
                "IT-Zugänge beantragen",
                "Sachbearbeitung Personal",
                "Znuny Helpdesk",
                "Konto, Postfach, Fachverfahren und Rollen im Ticket beantragen.",
                "10 Minuten",
            ),
            Step(
                "Arbeitsplatz einrichten",
                "IT-Koordination",
                "Microsoft 365",
                "Gerät, Telefon, Zugänge und Zeiterfassung.",
                "2 Stunden",
            ),
            Step(
                "Erster Arbeitstag",
                "Vorgesetzte",
                None,
                "Begrüßung, Rundgang, Patin oder Pate vorstellen, Einarbeitungsplan besprechen.",
                "1 Tag",
            ),
            Step(
                "Belehrungen und Verpflichtungen",
                "Datenschutzbeauftragte",
                None,
                "Datenschutz, Informationssicherheit, Verpflichtungsgesetz.",
                "1 Stunde",
            ),
        ),
        laws=(
            Law("§ 2 NachwG", "Nachweispflicht", f"{GII}/nachwg/__2.html"),
            Law(
                "§ 1 VerpflG",
                "Verpflichtung auf gewissenhafte Erfüllung",
                f"{GII}/verpflg/__1.html",
            ),
        ),
        systems=("d.velop documents", "Znuny Helpdesk", "Microsoft 365"),
        tags=("Personal", "Wissensmanagement"),
        case_volume=35,
        processing_minutes=480,
    ),
    ProcessTopic(
        slug="offboarding",
        title="Offboarding",
        department="ZD",
        summary=(
            "Geordnetes Ausscheiden: Wissensübergabe, Rückgabe von Geräten und Schlüsseln, "
            "Sperrung der Zugänge und Übertragung der Prozessverantwortung."
        ),
        category="unterstuetzung",
        trigger="Kündigung, Renteneintritt oder Versetzung.",
        outcome="Wissen übergeben, Verantwortungen neu zugeordnet, Zugänge gesperrt.",
        inputs=("Kündigung oder Auflösungsvertrag", "Liste der verantworteten Prozesse"),
        outputs=("Übergabeprotokoll", "Arbeitszeugnis", "Gesperrte Benutzerkonten"),
        steps=(
            Step(
                "Übergabe planen",
                "Vorgesetzte",
                "d.velop documents",
                "Nachfolge oder Vertretung benennen, Übergabegespräche terminieren.",
                "1 Stunde",
            ),
            Step(
                "Wissen übergeben",
                "Ausscheidende Person",
                None,
                "Prozesssteckbriefe aktualisieren, Verantwortung im Register übertragen.",
                "mehrere Tage",
            ),
            Step(
                "Geräte und Schlüssel zurücknehmen",
                "IT-Koordination",
                "Znuny Helpdesk",
                "",
                "30 Minuten",
            ),
            Step(
                "Zugänge sperren",
                "IT-Koordination",
                "Microsoft 365",
                "Am letzten Arbeitstag, Postfach-Weiterleitung einrichten.",
                "20 Minuten",
            ),
            Step(
                "Zeugnis und Abrechnung",
                "Sachbearbeitung Personal",
                "d.velop documents",
                "",
                "2 Stunden",
            ),
        ),
        laws=(Law("§ 109 GewO", "Zeugnis", f"{GII}/gewo/__109.html"),),
        systems=("d.velop documents", "Znuny Helpdesk", "Microsoft 365"),
        tags=("Personal", "Wissensmanagement", "Wissensübergabe"),
        case_volume=30,
        processing_minutes=360,
    ),
    ProcessTopic(
        slug="it-stoerungsmeldung",
        title="IT-Störungsmeldung",
        department="IT",
        summary=(
            "Annahme, Priorisierung und Behebung von IT-Störungen; bei Sicherheitsvorfällen "
            "Übergabe an das Informationssicherheitsmanagement."
        ),
        category="unterstuetzung",
        trigger="Mitarbeitende melden eine Störung per Ticket oder Hotline.",
        outcome="Störung behoben oder an den Dienstleister eskaliert, Ticket dokumentiert.",
        inputs=("Störungsmeldung", "Betroffene Geräte und Fachverfahren"),
        outputs=("Gelöstes Ticket", "Meldung an den Dienstleister", "Sicherheitsvorfall-Meldung"),
        steps=(
            Step(
                "Ticket erfassen",
                "IT-Koordination",
                "Znuny Helpdesk",
                "Kategorie, betroffene Fachverfahren, Anzahl der Betroffenen.",
                "3 Minuten",
            ),
            Step(
                "Priorisieren",
                "IT-Koordination",
                "Znuny Helpdesk",
                "Bürgerbüro, Kasse und Meldewesen haben Vorrang; Verdacht auf Angriff sofort "
                "eskalieren.",
                "2 Minuten",
            ),
            Step(
                "Störung beheben",
                "IT-Koordination",
                None,
                "Erstlösung vor Ort oder per Fernwartung.",
                "30 Minuten",
            ),
            Step(
                "An Dienstleister eskalieren",
                "IT-Koordination",
                "Microsoft 365",
                "Rechenzentrum oder Fachverfahrenshersteller nach Vertrag beauftragen.",
                "",
            ),
            Step("Ticket schließen", "IT-Koordination", "Znuny Helpdesk", "", "2 Minuten"),
        ),
        laws=(
            Law("BSI-Standard 200-4", "Business Continuity Management", "https://www.bsi.bund.de"),
            Law("DER.2.1", "IT-Grundschutz: Behandlung von Sicherheitsvorfällen", ""),
        ),
        systems=("Znuny Helpdesk", "Microsoft 365"),
        tags=("IT-Sicherheit", "Notfallvorsorge"),
        case_volume=3400,
        processing_minutes=35,
        criticality="sehr_hoch",
        rto_hours=4,
    ),
)

PROCESSES: tuple[ProcessSpec, ...] = (
    # Diez
    ProcessSpec(
        "diez",
        "posteingang-e-akte",
        owner="die-neumann",
        deputies=("die-bruehl",),
        related=("rechnungseingang-und-zahlungsanweisung",),
        share=True,
    ),
    ProcessSpec(
        "diez", "urlaubsantrag", owner="die-neumann", review_due=datetime.date(2026, 3, 31)
    ),
    ProcessSpec(
        "diez",
        "onboarding-neuer-mitarbeitender",
        owner="die-neumann",
        deputies=("die-lang",),
        related=("offboarding",),
    ),
    ProcessSpec(
        "diez",
        "offboarding",
        owner="die-neumann",
        deputies=("die-bruehl",),
        related=("onboarding-neuer-mitarbeitender",),
    ),
    ProcessSpec(
        "diez",
        "it-stoerungsmeldung",
        owner="die-bruehl",
        deputies=("die-neumann",),
        overrides={"case_volume": 2100},
    ),
    # Montabaur: the e-file is being introduced, the process is still a target model
    ProcessSpec(
        "montabaur",
        "posteingang-e-akte",
        owner="mon-schuster",
        deputies=("mon-kern",),
        status="soll",
        related=("diez/posteingang-e-akte",),
        overrides={"case_volume": 61000, "rto_hours": 48},
    ),
    ProcessSpec(
        "montabaur",
        "it-stoerungsmeldung",
        owner="mon-kern",
        overrides={"case_volume": 5200},
    ),
    ProcessSpec(
        "montabaur",
        "onboarding-neuer-mitarbeitender",
        owner="mon-schuster",
        overrides={"case_volume": 55},
    ),
    # Weißenthurm
    ProcessSpec(
        "weissenthurm",
        "urlaubsantrag",
        owner="wei-braun",
        overrides={"case_volume": 3100},
    ),
    ProcessSpec(
        "weissenthurm",
        "offboarding",
        owner="wei-sauer",
        deputies=("wei-braun",),
        related=("diez/offboarding",),
    ),
    ProcessSpec(
        "weissenthurm",
        "it-stoerungsmeldung",
        owner="wei-hofmann",
        overrides={"case_volume": 2900, "rto_hours": 8},
    ),
)
