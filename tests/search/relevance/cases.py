"""The relevance test set: German queries as staff type them, each with the page(s) it must find
among the first three results (success@3).

Expected pages are named by title; a title shared by several municipalities' processes counts
once (any of them is a success). "Real texts" are the law paragraphs of ``laws.json``, imported
as background articles titled ``"<law> § <n> – <title>"``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    query: str
    expected: tuple[str, ...]
    kind: str


GEWERBE = ("Gewerbeanmeldung", "Gewerbeummeldung", "Gewerbeabmeldung")
STROMAUSFALL = ("Stromausfall Rathaus Diez", "Stromausfall Rathaus Weißenthurm")
HOCHWASSER = ("Hochwasser an der Lahn", "Starkregen und Hochwasser an Elzbach und Mosel")
GEWO_14 = "GewO § 14 – Anzeigepflicht; Verordnungsermächtigung"
BMG_17 = "BMG § 17 – Anmeldung, Abmeldung"
OZG_ARTICLE = "Hintergrund: Reifegrade nach dem Onlinezugangsgesetz"
IFSG_34 = (
    "IfSG § 34 – Gesundheitliche Anforderungen, Mitwirkungspflichten, Aufgaben des Gesundheitsamtes"
)
WISSEN = (
    "Checkliste Wissensübergabe beim Ausscheiden",
    "Wissensübergabe beim Ausscheiden verpflichtend",
    "Offboarding",
)

CASES: tuple[Case, ...] = (
    # Inflection and plural
    Case("Gewerbeanmeldungen", ("Gewerbeanmeldung",), "inflection"),
    Case("Fundsache", ("Fundsachen",), "inflection"),
    Case("Reisepässe", ("Reisepass beantragen",), "inflection"),
    Case("Urlaubsanträge", ("Urlaubsantrag",), "inflection"),
    Case("Hunden", ("Hundesteuer An- und Abmeldung",), "inflection"),
    Case("Bauanträge", ("Bauantrag Vollständigkeitsprüfung",), "inflection"),
    Case("Haushaltspläne", ("Haushaltsplan aufstellen",), "inflection"),
    Case("Personalausweise", ("Personalausweis beantragen",), "inflection"),
    Case("Gewerbe anmelden", ("Gewerbeanmeldung",), "inflection"),
    Case("Wohnsitz anmelden", ("Wohnsitzanmeldung",), "inflection"),
    Case("Rechnungen bezahlen", ("Rechnungseingang und Zahlungsanweisung",), "inflection"),
    Case("Grabstätten", ("Grabnutzungsrecht verlängern",), "inflection"),
    # Compounds: parts find the whole, the whole finds its parts
    Case("Hund Steuer", ("Hundesteuer An- und Abmeldung",), "compound"),
    Case("Steuer Hund", ("Hundesteuer An- und Abmeldung",), "compound"),
    Case("Grundsteuer", ("Grundsteuerbescheid erstellen",), "compound"),
    Case("Bescheid Grundsteuer", ("Grundsteuerbescheid erstellen",), "compound"),
    Case("Abrechnung Feuerwehr Einsatz", ("Feuerwehr-Einsatzabrechnung",), "compound"),
    Case("Ausfall Strom", STROMAUSFALL, "compound"),
    Case("Platzvergabe Kita", ("Kita-Platzvergabe",), "compound"),
    Case("Telefon Ausfall", ("Ausfall der Telefonanlage",), "compound"),
    Case("Scanner Beschaffung", ("Zentrale Beschaffung von Dokumentenscannern",), "compound"),
    Case("Nutzungsrecht Grab", ("Grabnutzungsrecht verlängern",), "compound"),
    # Umlaut spellings (ä/ae/a, ö/oe/o, ü/ue/u, ß/ss)
    Case("Fuhrungszeugnis", ("Führungszeugnis beantragen",), "umlaut"),
    Case("Fuehrungszeugnis", ("Führungszeugnis beantragen",), "umlaut"),
    Case("Burgerburo KI", ("Pilot KI-Assistenz im Bürgerbüro",), "umlaut"),
    Case("Weissenthurm Stromausfall", ("Stromausfall Rathaus Weißenthurm",), "umlaut"),
    Case("Uebernahme Gewerbeprozesse", ("Interkommunale Übernahme der Gewerbeprozesse",), "umlaut"),
    Case("Wissensubergabe", WISSEN, "umlaut"),
    Case("Strassenverkehr Anordnung", ("Verkehrsrechtliche Anordnung",), "umlaut"),
    Case("Vollstandigkeitsprufung", ("Bauantrag Vollständigkeitsprüfung",), "umlaut"),
    # Typos
    Case("Gewerbeanmledung", ("Gewerbeanmeldung",), "typo"),
    Case("Hundesteur", ("Hundesteuer An- und Abmeldung",), "typo"),
    Case("Wohnsitzanmeldnug", ("Wohnsitzanmeldung",), "typo"),
    Case("Persnalausweis", ("Personalausweis beantragen",), "typo"),
    Case("Ransomwere", ("Cyberangriff mit Ransomware",), "typo"),
    Case("Hochwaser", HOCHWASSER, "typo"),
    Case("Urlaubsantarg", ("Urlaubsantrag",), "typo"),
    Case("Posteingnag", ("Posteingang E-Akte (Scannen und Zuordnen)",), "typo"),
    Case("Fuhrungszeugnis beantragn", ("Führungszeugnis beantragen",), "typo"),
    # Abbreviations, legal bases, keys
    Case("GewO", GEWERBE, "abbreviation"),
    Case("§ 14 GewO", (*GEWERBE, GEWO_14), "abbreviation"),
    Case("BMG", ("Wohnsitzanmeldung", "Abmeldung ins Ausland"), "abbreviation"),
    Case("DSGVO", ("Datenschutz-Auskunftsersuchen (Art. 15 DSGVO)",), "abbreviation"),
    Case("Gewerbeordnung", (*GEWERBE, GEWO_14), "abbreviation"),
    Case("Onlinezugangsgesetz", (OZG_ARTICLE,), "abbreviation"),
    Case("OZG Reifegrad", (OZG_ARTICLE,), "abbreviation"),
    Case(
        "Bundesmeldegesetz", ("Wohnsitzanmeldung", "Abmeldung ins Ausland", BMG_17), "abbreviation"
    ),
    Case(
        "elektronische Akte Posteingang",
        ("Posteingang E-Akte (Scannen und Zuordnen)",),
        "abbreviation",
    ),
    Case("LK-2026-03", ("Wissensübergabe beim Ausscheiden verpflichtend",), "abbreviation"),
    Case("XRechnung", ("Rechnungseingang und Zahlungsanweisung",), "abbreviation"),
    Case(
        "BSI 200-4 Notfallhandbuch",
        ("Mindeststandard Notfallhandbuch nach BSI 200-4",),
        "abbreviation",
    ),
    # Everyday wording
    Case("E-Akte Erfahrungen", ("Erfahrungen mit der E-Akte im Bürgerbüro",), "wording"),
    Case("Umzug melden", ("Wohnsitzanmeldung",), "wording"),
    Case("Wertgrenze Direktauftrag", ("Beschaffung unter Wertgrenze",), "wording"),
    Case("Onboarding Patenschaft", ("Onboarding neuer Mitarbeitender",), "wording"),
    Case("Verschlüsselungstrojaner Server", ("Cyberangriff mit Ransomware",), "wording"),
    # Imported real texts (law paragraphs)
    Case("Anzeigepflicht stehendes Gewerbe", (GEWO_14, "Gewerbeanmeldung"), "real text"),
    Case(
        "Gewerbeuntersagung Unzuverlässigkeit",
        ("GewO § 35 – Gewerbeuntersagung wegen Unzuverlässigkeit",),
        "real text",
    ),
    Case("Wohnung beziehen zwei Wochen anmelden", (BMG_17, "Wohnsitzanmeldung"), "real text"),
    Case("Ausweispflicht", ("PAuswG § 1 – Ausweispflicht; Ausweisrecht",), "real text"),
    Case("Gaststättengewerbe Erlaubnis", ("GastG § 2 – Erlaubnis",), "real text"),
    Case("Schwarzarbeit", ("SchwarzArbG § 1 – Zweck des Gesetzes",), "real text"),
    Case("Steuergeheimnis", ("AO § 30 – Steuergeheimnis",), "real text"),
    Case(
        "Hebesatz festsetzen",
        ("GrStG § 25 – Festsetzung des Hebesatzes", "Grundsteuerbescheid erstellen"),
        "real text",
    ),
    Case(
        "Verkehrszeichen Baustelle",
        ("StVO § 45 – Verkehrszeichen und Verkehrseinrichtungen", "Verkehrsrechtliche Anordnung"),
        "real text",
    ),
    Case("Masern Gemeinschaftseinrichtung", (IFSG_34,), "real text"),
    Case("Abfälle Überlassungspflicht", ("KrWG § 17 – Überlassungspflichten",), "real text"),
)
