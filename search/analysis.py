"""German analysis settings for the search engine's index.

One set of settings serves Elasticsearch 8/9 and OpenSearch 2/3: it only uses the
`analysis-common` building blocks both engines ship. Wagtail deep-merges this into its own
index settings (``INDEX_SETTINGS``), so the analyzer named ``default`` applies to every text
field Wagtail maps without an explicit analyzer.

No Django imports here: the settings module imports this file.
"""

from __future__ import annotations

# Word parts of German administrative language. The dictionary decompounder emits each part it
# finds inside a compound as an extra token, so "Steuer" finds "Hundesteuer" and
# "Gewerbe Anmeldung" finds "Gewerbeanmeldungen". Lowercase, natural spelling (the filter runs
# before umlaut normalisation). Keep entries at least four letters long to avoid noise.
ADMINISTRATIVE_WORD_PARTS: tuple[str, ...] = (
    "abfall", "abgabe", "abmeldung", "abwasser", "akte", "amt", "änderung", "anmeldung",
    "antrag", "anzeige", "arbeit", "archiv", "aufenthalt", "auftrag", "ausfall", "ausgabe",
    "ausländer", "ausschreibung", "ausweis", "auszahlung", "bau", "beantragung", "bearbeitung",
    "bericht", "bescheid", "beschaffung", "beschluss", "bestattung", "betrieb", "bewerbung",
    "bewilligung", "bildung", "brand", "bürger", "büro", "daten", "dienst", "eingang", "einwohner",
    "erlaubnis", "fahrzeug", "feuer", "feuerwehr", "finanz", "fund", "führerschein", "gebühr",
    "gebäude", "geburt", "gemeinde", "genehmigung", "gericht", "gesetz", "gewerbe", "grund",
    "grundsteuer", "gutschein", "haushalt", "hund", "kasse", "kita", "kosten", "kreis", "leistung",
    "lohn", "markt", "melde", "meldung", "miete", "ordnung", "pass", "personal", "planung", "post",
    "prüfung", "rat", "rechnung", "recht", "register", "reise", "rente", "satzung", "schaden",
    "schule", "sitzung", "sozial", "stadt", "standes", "steuer", "strom", "straße", "urkunde",
    "urlaub", "verfahren", "vergabe", "verkehr", "verlust", "vermessung", "versammlung",
    "versicherung", "vertrag", "verwaltung", "vollstreckung", "wahl", "wasser", "wohn",
    "wohnsitz", "wohnung", "zahlung", "zuschuss",
)  # fmt: skip

GERMAN_INDEX_SETTINGS: dict = {
    "settings": {
        "analysis": {
            "filter": {
                "german_stop": {"type": "stop", "stopwords": "_german_"},
                "german_decompounder": {
                    "type": "dictionary_decompounder",
                    "word_list": list(ADMINISTRATIVE_WORD_PARTS),
                    "min_subword_size": 3,
                    "only_longest_match": False,
                },
                "german_light_stemmer": {"type": "stemmer", "language": "light_german"},
            },
            "analyzer": {
                # Used for every text field without its own analyzer, at index and query time.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "german_stop",
                        "german_decompounder",
                        "german_normalization",
                        "german_light_stemmer",
                    ],
                },
                # Autocomplete prefixes: fold umlauts so "Burg" completes "Bürgerbüro".
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "german_normalization", "asciifolding", "edgengram"],
                },
            },
        },
    }
}
