"""German analysis settings for the search engine's index.

One set of settings serves Elasticsearch 8/9 and OpenSearch 2/3: it only uses the
`analysis-common` building blocks both engines ship. Wagtail deep-merges this into its own
index settings (``INDEX_SETTINGS``), so the analyzer named ``default`` applies to every text
field Wagtail maps without an explicit analyzer.

No Django imports here: the settings module imports this file.
"""

from __future__ import annotations

import hashlib
import json

# Word parts of German administrative language. The dictionary decompounder emits each part it
# finds inside a compound as an extra token, so "Steuer" finds "Hundesteuer" and
# "Gewerbe Anmeldung" finds "Gewerbeanmeldungen". Lowercase, natural spelling (the filter runs
# before umlaut normalisation). Keep entries at least four letters long to avoid noise.
ADMINISTRATIVE_WORD_PARTS: tuple[str, ...] = (
    "abfall", "abgabe", "abmeldung", "abrechnung", "abwasser", "akte", "amt", "angriff", "anlage",
    "anmeldung", "antrag", "anzeige", "arbeit", "archiv", "aufenthalt", "auftrag", "ausfall",
    "ausgabe", "auskunft", "ausland", "ausländer", "ausschreibung", "ausweis", "auszahlung", "bau",
    "beantragung", "bearbeitung", "bericht", "beschaffung", "bescheid", "beschluss", "bestattung",
    "betrieb", "bewerbung", "bewilligung", "bildung", "brand", "bürger", "büro", "daten", "dienst",
    "dokument", "eingang", "einsatz", "einwohner", "erlaubnis", "fahrzeug", "feuer", "feuerwehr",
    "finanz", "friedhof", "fund", "führerschein", "führung", "geburt", "gebäude", "gebühr",
    "gemeinde", "genehmigung", "gericht", "gesetz", "gewerbe", "grab", "grenze", "grund",
    "grundsteuer", "gutschein", "handbuch", "haushalt", "hochwasser", "hund", "kasse", "kinder",
    "kita", "kosten", "kreis", "leistung", "lohn", "markt", "melde", "meldung", "miete", "notfall",
    "nutzung", "ordnung", "pass", "personal", "pflicht", "planung", "platz", "post",
    "prozess", "prüfung", "rat", "rechnung", "recht", "regen", "register", "reise", "rente",
    "satzung", "scanner", "schaden", "schule", "schutz", "sicherheit", "sitzung", "sozial",
    "stadt", "standes", "steuer", "straße", "strom", "stätte", "störung", "tages",
    "telefon", "termin", "umzug", "urkunde", "urlaub", "verfahren", "vergabe", "verkehr",
    "verlust", "vermessung", "versammlung", "versicherung", "vertrag", "verwaltung",
    "vollstreckung", "vorlage", "vorsorge", "wahl", "wasser", "wissen", "wohn", "wohnsitz",
    "wohnung", "zahlung", "zeugnis", "zuschuss", "änderung", "übergabe", "übernahme", "übung",
)  # fmt: skip

# Abbreviations staff type instead of the full name (and the other way round). Equivalence
# groups for a ``synonym_graph`` filter that runs at *search* time only: "GewO" finds pages
# that say "Gewerbeordnung" and vice versa. Lowercase, natural spelling, no stop words (the stop
# filter runs first). Law abbreviations follow the catalogue in ``prozesse/formats/laws.py``.
ABBREVIATIONS: tuple[str, ...] = (
    "gewo, gewerbeordnung",
    "bmg, bundesmeldegesetz, meldegesetz",
    "pauswg, personalausweisgesetz",
    "pstg, personenstandsgesetz",
    "ozg, onlinezugangsgesetz",
    "egovg, e government gesetz",
    "vwvfg, verwaltungsverfahrensgesetz",
    "vwgo, verwaltungsgerichtsordnung",
    "vwzg, verwaltungszustellungsgesetz",
    "bdsg, bundesdatenschutzgesetz",
    "dsgvo, datenschutz grundverordnung, datenschutzgrundverordnung",
    "ifsg, infektionsschutzgesetz",
    "ifg, informationsfreiheitsgesetz",
    "bsig, bsi gesetz",
    "stvo, straßenverkehrsordnung",
    "stvg, straßenverkehrsgesetz",
    "fev, fahrerlaubnisverordnung, fahrerlaubnis verordnung",
    "aufenthg, aufenthaltsgesetz",
    "krwg, kreislaufwirtschaftsgesetz",
    "grstg, grundsteuergesetz",
    "ao, abgabenordnung",
    "baunvo, baunutzungsverordnung",
    "baugb, baugesetzbuch",
    "gastg, gaststättengesetz",
    "tierschg, tierschutzgesetz",
    "bimschg, immissionsschutzgesetz",
    "muschg, mutterschutzgesetz",
    "beeg, elterngeldgesetz",
    "sgb, sozialgesetzbuch",
    "e akte, eakte, elektronische akte",
    "dms, dokumentenmanagement, dokumentenmanagementsystem",
    "leika, leistungskatalog",
    "rto, wiederanlaufzeit",
    "kfz, kraftfahrzeug",
)

# Filters shared by the analyzers below (``analysis-common`` of Elasticsearch and OpenSearch).
_FILTERS: dict = {
    "german_stop": {"type": "stop", "stopwords": "_german_"},
    "german_decompounder": {
        "type": "dictionary_decompounder",
        "word_list": list(ADMINISTRATIVE_WORD_PARTS),
        "min_subword_size": 3,
        "only_longest_match": False,
    },
    "german_light_stemmer": {"type": "stemmer", "language": "light_german"},
    # Snowball: more aggressive ("anmelden" and "Anmeldung" both become "anmeld"); only for
    # the ``.stem`` sub-fields, which add recall at a lower weight.
    "german_snowball_stemmer": {"type": "stemmer", "language": "german"},
    "german_abbreviations": {
        "type": "synonym_graph",
        "synonyms": list(ABBREVIATIONS),
        "lenient": True,
    },
}


def _chain(*filters: str) -> dict:
    return {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", *filters]}


GERMAN_INDEX_SETTINGS: dict = {
    "settings": {
        "analysis": {
            "filter": _FILTERS,
            "analyzer": {
                # Index time, every text field without its own analyzer: compounds are split
                # into their known parts, so "Steuer" and "Hund Steuer" find "Hundesteuer".
                "default": _chain(
                    "german_stop",
                    "german_decompounder",
                    "german_normalization",
                    "german_light_stemmer",
                ),
                # Search time for the same fields: no decompounding (a query for
                # "Hundesteuer" must not match every page about any "Steuer"), but
                # abbreviations are expanded.
                "default_search": _chain(
                    "german_stop",
                    "german_abbreviations",
                    "german_normalization",
                    "german_light_stemmer",
                ),
                # Typo-tolerant (fuzzy) queries: like default_search without synonyms (fuzzy
                # expansion of a synonym graph is not supported by every engine version).
                "german_fuzzy_search": _chain(
                    "german_stop", "german_normalization", "german_light_stemmer"
                ),
                # Zero-result fallback: split compounds in the query as well
                # ("Hundesteuersatzung" then finds the parts).
                "german_compound_search": _chain(
                    "german_stop",
                    "german_decompounder",
                    "german_normalization",
                    "german_light_stemmer",
                ),
                # ``.stem`` sub-fields (title and the catch-all field): Snowball stemming.
                "german_stem": _chain(
                    "german_stop",
                    "german_decompounder",
                    "german_normalization",
                    "german_snowball_stemmer",
                ),
                "german_stem_search": _chain(
                    "german_stop",
                    "german_abbreviations",
                    "german_normalization",
                    "german_snowball_stemmer",
                ),
                # ``.words`` sub-field: real words for spelling suggestions ("Meinten Sie …").
                "german_words": _chain(),
                # Autocomplete prefixes: fold umlauts so "Burg" completes "Bürgerbüro", split
                # compounds so "steu" completes "Hundesteuer".
                "edgengram_analyzer": _chain(
                    "german_decompounder", "german_normalization", "asciifolding", "edgengram"
                ),
                # …and the typed prefix is folded the same way ("Bürg" → "burg").
                "edgengram_search_analyzer": _chain("german_normalization", "asciifolding"),
            },
        },
    }
}


def analysis_fingerprint() -> str:
    """Short hash of these settings (and of the sub-field layout version below); stored in each
    index's mapping so ``prepare_search_index`` can tell an index built with other settings."""
    payload = json.dumps([MAPPING_LAYOUT_VERSION, GERMAN_INDEX_SETTINGS], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


#: Bump when the mapping layout of ``search.backends.german`` changes (sub-fields, facet fields).
MAPPING_LAYOUT_VERSION = 1
