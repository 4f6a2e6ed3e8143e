"""Municipalities, departments, people and IT systems of the demo."""

from __future__ import annotations

from demo.data.types import (
    DepartmentData,
    ITSystemData,
    MunicipalityData,
    PersonData,
)

HOME_SECTIONS = {
    "register": {"slug": "prozessregister", "title": "Prozessregister"},
    "committee": {
        "slug": "lenkungskreis",
        "title": "Lenkungskreis",
        "committee_name": "Lenkungskreis Digitalisierung (Data Steering Committee)",
        "description": (
            "Der Lenkungskreis der kooperierenden Verbandsgemeinden entscheidet über gemeinsame "
            "Standards, Prioritäten der Digitalisierung und die Pflege des Prozessregisters. "
            "Er tagt etwa alle sechs Wochen; jede Kommune hat eine Stimme je Fachbereich."
        ),
    },
}

DEPARTMENTS: dict[str, DepartmentData] = {
    d.code: d
    for d in (
        DepartmentData(
            "BB",
            "buergerbuero",
            "Bürgerbüro",
            "Meldewesen, Pass- und Ausweiswesen, Führungszeugnisse, Fundsachen und "
            "allgemeine Auskünfte.",
        ),
        DepartmentData(
            "OA",
            "ordnungsamt",
            "Ordnungsamt",
            "Gewerbeangelegenheiten, Straßenverkehr, Sondernutzungen, Friedhofswesen und "
            "allgemeine Gefahrenabwehr.",
        ),
        DepartmentData(
            "FIN",
            "finanzen-und-steuern",
            "Finanzen und Steuern",
            "Haushalt, Kasse, Steuern und Abgaben, Vollstreckung und Anlagenbuchhaltung.",
        ),
        DepartmentData(
            "ZD",
            "zentrale-dienste",
            "Zentrale Dienste / Personal",
            "Personal, Organisation, Poststelle, Sitzungsdienst, Beschaffung und Datenschutz.",
        ),
        DepartmentData(
            "BAU",
            "bauen-und-umwelt",
            "Bauen und Umwelt",
            "Bauleitplanung, Stellungnahmen zu Bauanträgen, Liegenschaften, Umwelt- und "
            "Naturschutz.",
        ),
        DepartmentData(
            "SOZ",
            "soziales-und-kita",
            "Soziales und Kita",
            "Kindertagesstätten, Kita-Platzvergabe, Soziales, Senioren- und Integrationsarbeit.",
        ),
        DepartmentData(
            "IT",
            "it-und-digitalisierung",
            "IT und Digitalisierung",
            "IT-Betrieb, Informationssicherheit, Fachverfahrensbetreuung und OZG-Umsetzung.",
        ),
        DepartmentData(
            "FW",
            "feuerwehr",
            "Feuerwehr und Bevölkerungsschutz",
            "Brand- und Katastrophenschutz, Feuerwehrverwaltung und Einsatzabrechnung.",
        ),
    )
}

MUNICIPALITIES: tuple[MunicipalityData, ...] = (
    MunicipalityData(
        slug="diez",
        title="Verbandsgemeinde Diez",
        code="DIE",
        ags="07141501",
        domain="vg-diez.de",
        phone_prefix="06432 501",
        description=(
            "Verbandsgemeinde im Rhein-Lahn-Kreis mit rund 25.000 Einwohnerinnen und Einwohnern "
            "in 21 Ortsgemeinden und der Stadt Diez an der Lahn."
        ),
        departments=("BB", "OA", "FIN", "ZD", "BAU", "SOZ", "IT", "FW"),
    ),
    MunicipalityData(
        slug="kaisersesch",
        title="Verbandsgemeinde Kaisersesch",
        code="KAI",
        ags="07135502",
        domain="vg-kaisersesch.de",
        phone_prefix="02653 9996",
        description=(
            "Verbandsgemeinde im Landkreis Cochem-Zell in der Vordereifel mit rund 13.000 "
            "Einwohnerinnen und Einwohnern in 18 Ortsgemeinden."
        ),
        departments=(
            ("BB", "Bürgerbüro und Standesamt"),
            ("OA", "Ordnung und Soziales"),
            "FIN",
            ("ZD", "Zentrale Dienste"),
            "BAU",
            "FW",
        ),
    ),
    MunicipalityData(
        slug="montabaur",
        title="Verbandsgemeinde Montabaur",
        code="MON",
        ags="07143506",
        domain="vg-montabaur.de",
        phone_prefix="02602 126",
        description=(
            "Verbandsgemeinde im Westerwaldkreis mit rund 41.000 Einwohnerinnen und Einwohnern "
            "in 25 Ortsgemeinden und der Stadt Montabaur."
        ),
        departments=(
            ("BB", "Bürgerservice"),
            "OA",
            "FIN",
            "ZD",
            ("BAU", "Bauen, Planen, Umwelt"),
            "SOZ",
            "IT",
        ),
    ),
    MunicipalityData(
        slug="weissenthurm",
        title="Verbandsgemeinde Weißenthurm",
        code="WEI",
        ags="07137507",
        domain="vg-weissenthurm.de",
        phone_prefix="02637 913",
        description=(
            "Verbandsgemeinde im Landkreis Mayen-Koblenz am Rhein mit rund 34.000 "
            "Einwohnerinnen und Einwohnern in sieben Ortsgemeinden und drei Städten."
        ),
        departments=("BB", "OA", "FIN", ("ZD", "Zentrale Dienste und Personal"), "BAU", "IT"),
    ),
)

PEOPLE: tuple[PersonData, ...] = (
    # Diez
    PersonData(
        "die-kraemer", "Sabine Krämer", "Fachbereichsleitung Bürgerbüro", "diez", "BB", "110"
    ),
    PersonData("die-hoffmann", "Julia Hoffmann", "Sachbearbeitung Meldewesen", "diez", "BB", "114"),
    PersonData("die-becker", "Thomas Becker", "Sachbearbeitung Gewerbe", "diez", "OA", "131"),
    PersonData(
        "die-schmitt", "Andrea Schmitt", "Fachbereichsleitung Finanzen", "diez", "FIN", "150"
    ),
    PersonData("die-wagner", "Markus Wagner", "Sachbearbeitung Steuern", "diez", "FIN", "154"),
    PersonData(
        "die-neumann",
        "Claudia Neumann",
        "Fachbereichsleitung Zentrale Dienste / Personal",
        "diez",
        "ZD",
        "170",
    ),
    PersonData("die-lang", "Katharina Lang", "Datenschutzbeauftragte", "diez", "ZD", "175"),
    PersonData("die-koch", "Miriam Koch", "Sachbearbeitung Kita", "diez", "SOZ", "185"),
    PersonData("die-bruehl", "Stefan Brühl", "IT-Koordination", "diez", "IT", "190"),
    PersonData(
        "die-weber", "Jonas Weber", "Wehrleitung und Bevölkerungsschutz", "diez", "FW", "200"
    ),
    # Kaisersesch
    PersonData("kai-klein", "Bernd Klein", "Büroleitung", "kaisersesch", "ZD", "10"),
    PersonData("kai-bauer", "Heike Bauer", "Wissensmanagement", "kaisersesch", "ZD", "14"),
    PersonData(
        "kai-schneider", "Petra Schneider", "Sachbearbeitung Bürgerbüro", "kaisersesch", "BB", "21"
    ),
    PersonData("kai-hess", "Michael Hess", "Sachbearbeitung Ordnung", "kaisersesch", "OA", "31"),
    PersonData(
        "kai-fuchs", "Sandra Fuchs", "Fachbereichsleitung Finanzen", "kaisersesch", "FIN", "40"
    ),
    PersonData(
        "kai-theisen", "Daniel Theisen", "Sachbearbeitung Bauen", "kaisersesch", "BAU", "52"
    ),
    PersonData(
        "kai-zimmer",
        "Frank Zimmer",
        "Wehrleitung und Bevölkerungsschutz",
        "kaisersesch",
        "FW",
        "60",
    ),
    # Montabaur
    PersonData(
        "mon-hartmann",
        "Nicole Hartmann",
        "Fachbereichsleitung Bürgerservice",
        "montabaur",
        "BB",
        "210",
    ),
    PersonData(
        "mon-roth", "Alexander Roth", "Sachbearbeitung Straßenverkehr", "montabaur", "OA", "231"
    ),
    PersonData(
        "mon-schuster",
        "Melanie Schuster",
        "Fachbereichsleitung Zentrale Dienste / Personal",
        "montabaur",
        "ZD",
        "150",
    ),
    PersonData("mon-richter", "Eva Richter", "Datenschutzbeauftragte", "montabaur", "ZD", "155"),
    PersonData("mon-kern", "Tobias Kern", "IT-Koordination", "montabaur", "IT", "190"),
    PersonData("mon-wolf", "Sarah Wolf", "Sachbearbeitung Kita", "montabaur", "SOZ", "270"),
    PersonData(
        "mon-meyer", "Lukas Meyer", "Sachbearbeitung Bauaufsicht", "montabaur", "BAU", "320"
    ),
    PersonData("mon-vogel", "Ines Vogel", "Sachbearbeitung Kasse", "montabaur", "FIN", "340"),
    # Weißenthurm
    PersonData(
        "wei-mueller",
        "Christian Müller",
        "Fachbereichsleitung Bürgerbüro",
        "weissenthurm",
        "BB",
        "110",
    ),
    PersonData(
        "wei-schaefer", "Laura Schäfer", "Sachbearbeitung Bürgerbüro", "weissenthurm", "BB", "112"
    ),
    PersonData(
        "wei-lehmann", "Ralf Lehmann", "Sachbearbeitung Ordnungsamt", "weissenthurm", "OA", "130"
    ),
    PersonData(
        "wei-krause",
        "Anja Krause",
        "Fachbereichsleitung Finanzen und Steuern",
        "weissenthurm",
        "FIN",
        "140",
    ),
    PersonData(
        "wei-braun", "Patrick Braun", "Sachbearbeitung Personal", "weissenthurm", "ZD", "160"
    ),
    PersonData("wei-sauer", "Monika Sauer", "Wissensmanagement", "weissenthurm", "ZD", "165"),
    PersonData("wei-hofmann", "Jan Hofmann", "IT-Koordination", "weissenthurm", "IT", "180"),
    # External contacts in alarm chains
    PersonData(
        "ext-cert",
        "Lagezentrum CERT-rlp",
        "Computer-Notfallteam Rheinland-Pfalz (extern)",
        "",
        "",
        "",
        phone="06131 16-4250",
    ),
    PersonData(
        "ext-rechenzentrum",
        "Service-Desk Kommunales Rechenzentrum",
        "IT-Dienstleister (extern)",
        "",
        "",
        "",
        phone="0261 9130-500",
    ),
)

IT_SYSTEMS: tuple[ITSystemData, ...] = (
    ITSystemData(
        "VOIS|MESO",
        "HSH Soft- und Hardware Vertriebs GmbH",
        "Fachverfahren für das Melde-, Pass- und Ausweiswesen; Anbindung an Bundesdruckerei "
        "und Bundeszentralregister.",
        "https://www.hsh-berlin.com",
    ),
    ITSystemData(
        "VOIS|GEWAN",
        "HSH Soft- und Hardware Vertriebs GmbH",
        "Fachverfahren für Gewerbeanzeigen mit XGewerbeanzeige-Übermittlung an Finanzamt, "
        "Kammern und Statistik.",
        "https://www.hsh-berlin.com",
    ),
    ITSystemData(
        "OK.VERKEHR",
        "AKDB",
        "Verkehrsbehördliche Anordnungen, Sondernutzungen und Ausnahmegenehmigungen.",
        "https://www.akdb.de",
    ),
    ITSystemData(
        "Infoma newsystem",
        "Axians Infoma GmbH",
        "Doppisches Finanzwesen: Haushalt, Kasse, Veranlagung von Steuern und Abgaben, "
        "Anlagenbuchhaltung.",
        "https://www.axians-infoma.de",
    ),
    ITSystemData(
        "d.velop documents",
        "d.velop AG",
        "Dokumentenmanagement und E-Akte mit Posteingangsscan, Postkorb und Aktenplan.",
        "https://www.d-velop.de",
    ),
    ITSystemData(
        "ProSoz",
        "PROSOZ Herten GmbH",
        "Fachverfahren für Sozialleistungen und Elternbeiträge.",
        "https://www.prosoz.de",
    ),
    ITSystemData(
        "Kita-Portal",
        "",
        "Online-Vormerkportal für Kita-Plätze mit Platzvergabe und Wartelisten.",
    ),
    ITSystemData(
        "ALLRIS",
        "CC e-gov GmbH",
        "Sitzungsdienst und Ratsinformationssystem: Vorlagen, Einladungen, Niederschriften.",
        "https://www.cc-egov.de",
    ),
    ITSystemData(
        "Microsoft 365",
        "Microsoft",
        "E-Mail, Kalender, Teams und Office-Anwendungen der Verwaltung.",
        "https://www.microsoft.com/de-de/microsoft-365",
    ),
    ITSystemData(
        "Zeiterfassung",
        "",
        "Elektronische Arbeitszeiterfassung mit Urlaubs- und Abwesenheitsverwaltung.",
    ),
    ITSystemData(
        "Znuny Helpdesk",
        "Znuny GmbH",
        "Ticketsystem für IT-Störungen und Serviceanfragen der Mitarbeitenden.",
        "https://www.znuny.org",
    ),
)

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "."})


def municipality(slug: str) -> MunicipalityData:
    return next(m for m in MUNICIPALITIES if m.slug == slug)


def person_email(person: PersonData) -> str:
    """vorname.nachname@vg-ort.de, umlauts transliterated; external contacts as given."""
    if person.email or not person.municipality:
        return person.email
    local = person.name.lower().translate(_TRANSLITERATION)
    return f"{local}@{municipality(person.municipality).domain}"


def person_phone(person: PersonData) -> str:
    if person.phone or not person.municipality:
        return person.phone
    return f"{municipality(person.municipality).phone_prefix}-{person.extension}"


def department_title(town: MunicipalityData, code: str) -> str:
    for entry in town.departments:
        if isinstance(entry, tuple) and entry[0] == code:
            return entry[1]
    return DEPARTMENTS[code].title


def department_codes(town: MunicipalityData) -> list[str]:
    return [entry[0] if isinstance(entry, tuple) else entry for entry in town.departments]
