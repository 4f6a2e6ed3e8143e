# ruff: noqa: E501 (catalogue tables read better one department per block)
"""German vocabulary for the generated register.

The organisation (departments, their services, roles and IT systems) is a curated catalogue of
real municipal services; running text comes from real documents in ``../shared/data``: the
paragraphs of federal laws (legal bases with their official headings, step descriptions) and
council papers of Stadt Karlsruhe in OParl format (decision titles and texts, summaries).
Without that folder a small built-in text keeps the generator working (the smoke test).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("BENCH_DATA_DIR", ROOT.parent / "shared" / "data"))


@dataclass(frozen=True)
class Department:
    title: str
    code: str
    description: str
    services: tuple[str, ...]
    laws: tuple[str, ...]  # official abbreviations (jurabk) of the laws its processes cite
    roles: tuple[str, ...]
    systems: tuple[str, ...]
    tags: tuple[str, ...]


DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "Bürgerbüro", "BB", "Melde-, Pass- und Ausweiswesen, Führungszeugnisse, Fundsachen",
        ("Wohnsitzanmeldung", "Wohnsitzabmeldung", "Ummeldung innerhalb der Gemeinde",
         "Personalausweis beantragen", "Reisepass beantragen", "Kinderreisepass ausstellen",
         "Meldebescheinigung ausstellen", "Führungszeugnis beantragen", "Fundsache annehmen",
         "Übermittlungssperre eintragen", "Auskunft aus dem Melderegister", "Beglaubigung erteilen",
         "Nebenwohnung anmelden", "Vorläufigen Personalausweis ausstellen"),
        ("BMG", "PAuswG", "VwVfG"),
        ("Sachbearbeitung Meldewesen", "Sachbearbeitung Pass- und Ausweiswesen", "Teamleitung Bürgerbüro"),
        ("OK.EWO", "VOIS|MESO", "Digitale Ausweisbeantragung", "Terminmanagement TEVIS"),
        ("Meldewesen", "Ausweis", "Bürgerservice", "Termin", "Onlinedienst"),
    ),
    Department(
        "Ordnungsamt", "OA", "Gewerbe, Gaststätten, Märkte, Verkehrsüberwachung, Gefahrenabwehr",
        ("Gewerbeanmeldung", "Gewerbeummeldung", "Gewerbeabmeldung", "Gaststättenerlaubnis erteilen",
         "Sondernutzungserlaubnis Straße", "Marktfestsetzung", "Hund anmelden (Gefahrhund)",
         "Veranstaltung genehmigen", "Parkausweis für Anwohner", "Waffenbesitzkarte prüfen",
         "Ordnungswidrigkeit ahnden", "Verkehrsrechtliche Anordnung", "Schwarzarbeit verfolgen"),
        ("GewO", "GastG", "StVO", "StVG", "WaffG", "SchwarzArbG", "IfSG"),
        ("Sachbearbeitung Gewerbe", "Außendienst Ordnungsamt", "Leitung Ordnungsamt"),
        ("OK.GEWERBE", "migewa", "OWi21", "Winowig"),
        ("Gewerbe", "Gefahrenabwehr", "Verkehr", "Erlaubnis", "Kontrolle"),
    ),
    Department(
        "Standesamt", "SA", "Geburten, Eheschließungen, Sterbefälle, Namensrecht",
        ("Geburt beurkunden", "Eheschließung anmelden", "Eheschließung durchführen",
         "Sterbefall beurkunden", "Namenserklärung entgegennehmen", "Personenstandsurkunde ausstellen",
         "Vaterschaftsanerkennung beurkunden", "Kirchenaustritt erklären", "Lebenspartnerschaft umwandeln"),
        ("PStG", "BMG"),
        ("Standesbeamtin", "Standesbeamter", "Sachbearbeitung Personenstand"),
        ("AutiSta", "XPersonenstand", "ePR"),
        ("Urkunde", "Personenstand", "Ehe", "Geburt"),
    ),
    Department(
        "Bauamt", "BA", "Bauleitplanung, Bauaufsicht, Tiefbau, Straßenunterhaltung",
        ("Bauantrag prüfen", "Bauvoranfrage beantworten", "Baugenehmigung erteilen",
         "Bebauungsplan aufstellen", "Baumfällgenehmigung erteilen", "Aufbruchgenehmigung erteilen",
         "Straßenschaden beheben", "Hausnummer zuteilen", "Vorkaufsrecht prüfen",
         "Erschließungsbeitrag festsetzen", "Winterdienst planen", "Grundstücksteilung genehmigen"),
        ("BauNVO", "BImSchG", "BNatSchG", "WHG", "VwVfG"),
        ("Sachbearbeitung Bauaufsicht", "Bauingenieurin", "Leitung Bauamt", "Bauhof"),
        ("ProBauG", "GIS Kommunal", "Baumkataster", "Straßenkataster"),
        ("Bauen", "Planung", "Straße", "Genehmigung", "Umwelt"),
    ),
    Department(
        "Finanzverwaltung", "FV", "Haushalt, Kasse, Steuern und Abgaben, Vollstreckung",
        ("Hundesteuer festsetzen", "Grundsteuer festsetzen", "Gewerbesteuer veranlagen",
         "Rechnungseingang bearbeiten", "Zahlung anweisen", "Mahnung versenden",
         "Vollstreckung einleiten", "Stundung gewähren", "Haushaltsplan aufstellen",
         "Jahresabschluss erstellen", "Zweitwohnungsteuer festsetzen", "Gebührenbescheid erstellen"),
        ("AO", "GrStG", "VwZG"),
        ("Sachbearbeitung Steuern", "Kassenverwalterin", "Kämmerer", "Buchhaltung"),
        ("H&H proDoppik", "Infoma newsystem", "SAP S/4HANA Kommunal", "E-Rechnungseingang"),
        ("Steuer", "Haushalt", "Kasse", "Rechnung", "Gebühr"),
    ),
    Department(
        "Soziales und Wohnen", "SW", "Wohngeld, Sozialhilfe, Elterngeld, Asyl, Rente",
        ("Wohngeld bewilligen", "Hilfe zum Lebensunterhalt gewähren", "Grundsicherung prüfen",
         "Elterngeld beraten", "Kindergeldbescheinigung ausstellen", "Rentenantrag aufnehmen",
         "Obdachlosenunterbringung", "Asylbewerber unterbringen", "Bildung und Teilhabe bewilligen",
         "Wohnberechtigungsschein ausstellen", "Schwerbehindertenausweis beantragen"),
        ("WoGG", "SGB 2", "SGB 12", "BEEG", "BKGG", "AufenthG"),
        ("Sachbearbeitung Wohngeld", "Sozialarbeiterin", "Sachbearbeitung Sozialhilfe"),
        ("OPEN/PROSOZ", "LÄMMkom", "AKDB OK.SOZIUS"),
        ("Sozialleistung", "Wohnen", "Familie", "Beratung", "Antrag"),
    ),
    Department(
        "Kitas und Schulen", "KS", "Kindertagesstätten, Schulträgerschaft, Schülerbeförderung",
        ("Kita-Platz vergeben", "Elternbeitrag festsetzen", "Schülerbeförderung bewilligen",
         "Schulanmeldung koordinieren", "Ferienbetreuung organisieren", "Tagespflegeperson erlauben",
         "Masernschutz nachweisen", "Essensgeld abrechnen", "Schulausstattung beschaffen"),
        ("IfSG", "SGB 2", "VwVfG"),
        ("Kita-Leitung", "Sachbearbeitung Kita", "Schulsekretariat"),
        ("KitaPlaner", "Little Bird", "Schulverwaltung Plus"),
        ("Kita", "Schule", "Familie", "Betreuung", "Bildung"),
    ),
    Department(
        "Umwelt und Friedhöfe", "UF", "Abfall, Abwasser, Gewässer, Naturschutz, Friedhofswesen",
        ("Bestattung anmelden", "Grabnutzungsrecht verlängern", "Grabstein genehmigen",
         "Abwassergebühr festsetzen", "Kleineinleitung genehmigen", "Sperrmüll anmelden",
         "Wilde Müllablagerung beseitigen", "Gewässerunterhaltung planen", "Baumschutz prüfen",
         "Tierschutzanzeige bearbeiten", "Immissionsbeschwerde bearbeiten"),
        ("KrWG", "WHG", "BNatSchG", "BImSchG", "TierSchG"),
        ("Friedhofsverwaltung", "Umweltberaterin", "Klärwerksmeister"),
        ("Friedhofsverwaltung FIS", "Abfallwirtschaft AWS", "Kanal-GIS"),
        ("Umwelt", "Friedhof", "Abwasser", "Abfall", "Natur"),
    ),
    Department(
        "Personal und Organisation", "PO", "Personalverwaltung, Ausbildung, Organisation, Datenschutz",
        ("Stellenausschreibung veröffentlichen", "Bewerbung bearbeiten", "Einstellung vorbereiten",
         "Urlaubsantrag genehmigen", "Reisekosten abrechnen", "Arbeitszeugnis erstellen",
         "Mutterschutz anzeigen", "Elternzeit gewähren", "Datenschutzvorfall melden",
         "Verarbeitungsverzeichnis pflegen", "Fortbildung genehmigen", "Ausscheiden organisieren"),
        ("MuSchG", "BDSG", "BEEG", "IFG"),
        ("Personalsachbearbeitung", "Datenschutzbeauftragte", "Leitung Personal", "Organisationsberater"),
        ("LOGA", "Personalmanagement P&I", "Zeiterfassung ATOSS", "Datenschutzmanagement DSM"),
        ("Personal", "Datenschutz", "Organisation", "Ausbildung", "Arbeitszeit"),
    ),
    Department(
        "IT und Digitalisierung", "IT", "IT-Betrieb, E-Akte, Onlinezugang, Informationssicherheit",
        ("Posteingang digitalisieren", "E-Akte führen", "Onlinedienst bereitstellen",
         "Benutzerkonto anlegen", "IT-Sicherheitsvorfall behandeln", "Datensicherung prüfen",
         "Hardware beschaffen", "Software freigeben", "Notfallübung durchführen",
         "Schnittstelle zum Fachverfahren einrichten", "Servicekonto anbinden"),
        ("OZG", "EGovG", "BSIG", "BDSG"),
        ("IT-Administration", "Informationssicherheitsbeauftragter", "Digitalisierungslotsin"),
        ("enaio", "d.velop documents", "Servicekonto RLP", "Ticketsystem OTRS", "Active Directory"),
        ("Digitalisierung", "E-Akte", "Informationssicherheit", "Notfall", "OZG"),
    ),
    Department(
        "Feuerwehr und Katastrophenschutz", "FW", "Brandschutz, Katastrophenschutz, Krisenstab",
        ("Brandschau durchführen", "Einsatz abrechnen", "Feuerwehrausrüstung beschaffen",
         "Krisenstab einberufen", "Warnung der Bevölkerung", "Hochwasserschutz vorbereiten",
         "Notstromversorgung testen", "Atemschutzgeräte prüfen", "Alarm- und Ausrückeordnung pflegen"),
        ("IfSG", "WHG", "BImSchG"),
        ("Wehrleiter", "Gerätewart", "Krisenstab-Leitung", "Brandschutzdienststelle"),
        ("FeuerON", "MoWaS", "Einsatzleitsystem ELS"),
        ("Feuerwehr", "Krisenstab", "Notfall", "Warnung", "Hochwasser"),
    ),
    Department(
        "Zentrale Dienste", "ZD", "Gremien, Poststelle, Beschaffung, Gebäudemanagement, Wahlen",
        ("Sitzung des Rates vorbereiten", "Niederschrift erstellen", "Vergabe durchführen",
         "Posteingang verteilen", "Wahl organisieren", "Briefwahl bearbeiten",
         "Gebäudereinigung vergeben", "Dienstwagen verwalten", "Beschwerde bearbeiten",
         "Informationszugang gewähren", "Archivgut übernehmen"),
        ("VwVfG", "IFG", "VwZG", "VwGO", "GG"),
        ("Ratsbüro", "Vergabestelle", "Hausmeister", "Wahlamt"),
        ("ALLRIS", "SessionNet", "Vergabemarktplatz", "VOIS|WAHL"),
        ("Gremien", "Vergabe", "Wahl", "Gebäude", "Post"),
    ),
)  # fmt: skip

MUNICIPALITY_NAMES: tuple[str, ...] = (
    "Diez", "Kaisersesch", "Montabaur", "Weißenthurm", "Adenau", "Altenkirchen-Flammersfeld",
    "Annweiler am Trifels", "Arzfeld", "Asbach", "Bad Breisig", "Bad Ems-Nassau",
    "Bad Hönningen", "Bad Kreuznach", "Bernkastel-Kues", "Betzdorf-Gebhardshain", "Bitburger Land",
    "Bodenheim", "Brohltal", "Cochem", "Daaden-Herdorf", "Dahner Felsenland", "Daun",
    "Eich", "Enkenbach-Alsenborn", "Gerolstein", "Hachenburg", "Herxheim", "Hermeskeil",
    "Höhr-Grenzhausen", "Hunsrück-Mittelrhein", "Kastellaun", "Kirchen (Sieg)", "Kirchheimbolanden",
    "Lingenfeld", "Linz am Rhein", "Maifeld", "Mendig", "Nastätten", "Nieder-Olm", "Offenbach an der Queich",
    "Pellenz", "Ransbach-Baumbach", "Rengsdorf-Waldbreitbach", "Rhein-Mosel", "Rüdesheim",
    "Simmern-Rheinböllen", "Traben-Trarbach", "Ulmen", "Vallendar", "Wallmerod", "Westerburg",
    "Wirges", "Wittlich-Land", "Wörrstadt",
)  # fmt: skip

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Sabine", "Petra", "Julia", "Katharina", "Monika", "Claudia", "Andrea", "Stefanie",
    "Nicole", "Laura", "Sarah", "Lena", "Miriam", "Ute", "Birgit", "Jana", "Elif", "Zeynep", "Olga",
    "Thomas", "Michael", "Andreas", "Stefan", "Jonas", "Lukas", "Markus", "Frank", "Jürgen",
    "Matthias", "Tobias", "Daniel", "Sebastian", "Florian", "Uwe", "Kai", "Mehmet", "Paul", "Felix",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann",
    "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller",
    "Weiß", "Jung", "Hahn", "Keller", "Vogel", "Friedrich", "Günther", "Yılmaz", "Kowalski",
)  # fmt: skip

TITLE_VARIANTS: tuple[str, ...] = (
    "", "", "", "", " (Standardfall)", " für Unternehmen", " online", " im Eilverfahren",
    " – Widerspruchsverfahren", " – Änderung", " mit Gebührenbescheid", " bei Auslandsbezug",
)  # fmt: skip

STEP_VERBS: tuple[str, ...] = (
    "Antrag entgegennehmen", "Eingang bestätigen", "Vollständigkeit prüfen", "Unterlagen nachfordern",
    "Zuständigkeit prüfen", "Daten im Fachverfahren erfassen", "Gebühr festsetzen", "Stellungnahme einholen",
    "Sachverhalt prüfen", "Entscheidung vorbereiten", "Bescheid erstellen", "Bescheid zustellen",
    "Zahlung überwachen", "Vorgang in der E-Akte ablegen", "Meldung an Landesbehörde übermitteln",
    "Frist überwachen", "Anhörung durchführen", "Vier-Augen-Prüfung", "Statistik melden",
)  # fmt: skip

DURATIONS: tuple[str, ...] = (
    "5 Minuten", "10 Minuten", "15 Minuten", "30 Minuten", "1 Stunde", "2 Stunden", "1 Tag",
    "3 Tage", "2 Wochen",
)  # fmt: skip

TRIGGERS: tuple[str, ...] = (
    "Antrag der Bürgerin oder des Bürgers (persönlich, per Post oder online)",
    "Eingang einer Anzeige über das Servicekonto",
    "Meldung einer anderen Behörde",
    "Fristablauf laut Wiedervorlage",
    "Beschluss des Rates oder eines Ausschusses",
    "Eingang einer Rechnung oder eines Bescheids",
    "Hinweis aus der Bevölkerung",
)  # fmt: skip

OUTCOMES: tuple[str, ...] = (
    "Bescheid erteilt und zugestellt, Vorgang in der E-Akte abgeschlossen",
    "Bescheinigung ausgehändigt, Gebühr vereinnahmt",
    "Eintrag im Register aktualisiert, Meldungen an beteiligte Stellen versandt",
    "Entscheidung dokumentiert und den Beteiligten mitgeteilt",
    "Zahlung angewiesen und gebucht",
)  # fmt: skip

SCENARIOS: tuple[tuple[str, str], ...] = (
    ("stromausfall", "Stromausfall im Rathaus"),
    ("stromausfall", "Flächendeckender Stromausfall (Blackout)"),
    ("it_ausfall", "Ausfall des Rechenzentrums"),
    ("it_ausfall", "Cyberangriff mit Verschlüsselung (Ransomware)"),
    ("it_ausfall", "Ausfall des Fachverfahrens"),
    ("hochwasser", "Hochwasser und Starkregen"),
    ("personalausfall", "Pandemie mit hohem Personalausfall"),
    ("gebaeudeausfall", "Brand im Verwaltungsgebäude"),
    ("dienstleister", "Ausfall des kommunalen IT-Dienstleisters"),
)

IMMEDIATE_ACTIONS: tuple[str, ...] = (
    "Krisenstab informieren", "Notstromaggregat starten", "Bürgerinnen und Bürger informieren",
    "Betroffene Systeme vom Netz trennen", "Notfallarbeitsplätze im Feuerwehrhaus einrichten",
    "Papierformulare ausgeben", "Landesbehörde und Polizei verständigen", "Lagebild erstellen",
    "Datensicherung prüfen", "Publikumsverkehr einschränken",
)  # fmt: skip

FALLBACK_SENTENCES: tuple[str, ...] = (
    "Die Verwaltung prüft den Antrag auf Vollständigkeit und fordert fehlende Unterlagen nach.",
    "Die Entscheidung ergeht schriftlich und wird den Beteiligten bekannt gegeben.",
    "Die Gebühr richtet sich nach der Verwaltungsgebührensatzung der Kommune.",
    "Personenbezogene Daten werden nur im erforderlichen Umfang verarbeitet.",
    "Der Vorgang wird in der elektronischen Akte vollständig dokumentiert.",
    "Bei Auslandsbezug ist die Ausländerbehörde zu beteiligen.",
)

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
PARAGRAPH_HEADING = re.compile(r"^#{2,4} (§+ ?\d+[a-z]?)\s*(.*)$")


@dataclass(frozen=True)
class LegalParagraph:
    norm: str  # "§ 14 GewO"
    title: str
    url: str
    sentences: tuple[str, ...]


@dataclass
class Corpus:
    paragraphs_by_law: dict[str, list[LegalParagraph]] = field(default_factory=dict)
    paper_titles: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def paragraphs(self, laws) -> list[LegalParagraph]:
        found = [p for law in laws for p in self.paragraphs_by_law.get(law, [])]
        return found or [p for ps in self.paragraphs_by_law.values() for p in ps]


def _clean(text: str) -> str:
    text = " ".join(text.replace("\u00ad", "").split())
    return re.sub(r"(\w)- ([a-zäöüß])", r"\1\2", text)  # re-join words hyphenated in PDFs


def _good_sentence(sentence: str) -> bool:
    if not 50 <= len(sentence) <= 260 or not sentence.endswith("."):
        return False
    letters = sum(ch.isalpha() or ch == " " for ch in sentence)
    return letters / len(sentence) > 0.9 and "http" not in sentence


def _paragraph(law: str, slug: str, heading: tuple[str, str], body: list[str]):
    sentences = [s for s in SENTENCE_SPLIT.split(_clean(" ".join(body))) if _good_sentence(s)]
    sentences = [re.sub(r"^\(\d+[a-z]?\)\s*", "", s) for s in sentences]
    if not heading[1] or not sentences:
        return None
    number = heading[0].replace("§", "").strip()
    url = f"https://www.gesetze-im-internet.de/{slug}/__{number}.html" if slug else ""
    return LegalParagraph(f"{heading[0]} {law}", heading[1], url, tuple(sentences))


def _read_laws(folder: Path) -> dict[str, list[LegalParagraph]]:
    result: dict[str, list[LegalParagraph]] = {}
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = re.search(r"^jurabk: (.+)$", text, re.MULTILINE)
        slug_match = re.search(r"^slug: (.+)$", text, re.MULTILINE)
        if not front:
            continue
        law = re.sub(r" \d{4}$", "", front.group(1).strip())  # "AO 1977" -> "AO"
        slug = slug_match.group(1).strip() if slug_match else ""
        paragraphs = []
        heading, body = None, []
        for line in [*text.splitlines(), "# end"]:
            match = PARAGRAPH_HEADING.match(line)
            if match or line.startswith("#"):
                if heading and (paragraph := _paragraph(law, slug, heading, body)):
                    paragraphs.append(paragraph)
                heading = (match.group(1), match.group(2).strip()) if match else None
                body = []
            elif heading:
                body.append(line)
        if paragraphs:
            result[law] = paragraphs
    return result


def _read_jsonl(path: Path, limit: int):
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                return
            try:
                yield json.loads(line)
            except ValueError:
                continue


@cache
def load_corpus(max_papers: int = 3000, max_texts: int = 600) -> Corpus:
    corpus = Corpus()
    laws = DATA_DIR / "gesetze"
    if laws.is_dir():
        corpus.paragraphs_by_law = _read_laws(laws)
        corpus.sources.append(f"gesetze: {len(corpus.paragraphs_by_law)} laws")
    oparl = DATA_DIR / "oparl-karlsruhe"
    if (oparl / "papers.jsonl").is_file():
        titles = {
            _clean(paper.get("name", ""))
            for paper in _read_jsonl(oparl / "papers.jsonl", max_papers)
        }
        corpus.paper_titles = sorted(t for t in titles if 15 <= len(t) <= 150)
        corpus.sources.append(f"oparl papers: {len(corpus.paper_titles)} titles")
    if (oparl / "file-texts.jsonl").is_file():
        sentences = set()
        for item in _read_jsonl(oparl / "file-texts.jsonl", max_texts):
            for sentence in SENTENCE_SPLIT.split(_clean(item.get("text", ""))):
                if _good_sentence(sentence):
                    sentences.add(sentence)
        corpus.sentences = sorted(sentences)
        corpus.sources.append(f"oparl texts: {len(corpus.sentences)} sentences")
    if not corpus.sentences:
        corpus.sentences = list(FALLBACK_SENTENCES)
    if not corpus.paper_titles:
        corpus.paper_titles = [
            "Fortschreibung des Digitalisierungsprogramms",
            "Gemeinsame Beschaffung von Fachverfahren",
            "Einführung der E-Akte in allen Fachbereichen",
        ]
    if not corpus.paragraphs_by_law:
        corpus.paragraphs_by_law = {
            "GewO": [LegalParagraph("§ 14 GewO", "Anzeigepflicht", "", FALLBACK_SENTENCES[:3])]
        }
    return corpus
