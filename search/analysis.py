"""German analysis settings for the search engine's index.

One set of settings serves Elasticsearch 8/9 and OpenSearch 2/3: it only uses the
`analysis-common` building blocks both engines ship. Wagtail deep-merges this into its own
index settings (``INDEX_SETTINGS``), so the analyzer named ``default`` applies to every text
field Wagtail maps without an explicit analyzer.

Compounds are split at index time by the ``hyphenation_decompounder``: a German hyphenation
grammar proposes the parts, a German word list (the general one of
uschindler/german-decompounder plus our administrative word parts) accepts them. Its two files
must lie in the engine's config directory (``scripts/services`` installs them for our node;
README "Zerlegung zusammengesetzter Wörter" for production clusters). ``SEARCH_DECOMPOUNDER=inline``
switches to the ``dictionary_decompounder`` with the same word list inline in the index
settings, for managed clusters that cannot take files.

No Django imports here: the settings module imports this file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

#: The decompounder's files in the repository (with their licences and SOURCE.md).
ANALYSIS_FILES_DIR = Path(__file__).resolve().parent / "analysis_files"
HYPHENATION_GRAMMAR_FILE = ANALYSIS_FILES_DIR / "de_DR.xml"
GENERAL_WORD_LIST_FILE = ANALYSIS_FILES_DIR / "dictionary-de.txt"
ADMINISTRATIVE_WORD_LIST_FILE = ANALYSIS_FILES_DIR / "administrative-word-parts.txt"
#: Entries of the general list left out (noise only; see the file).
EXCLUDED_WORD_LIST_FILE = ANALYSIS_FILES_DIR / "excluded-word-parts.txt"

#: Where ``scripts/services`` installs them, relative to the engine's config directory (the
#: index settings name them so; the engine resolves the paths against its config directory).
NODE_FILES_DIR = "analysis/prozessregister"
NODE_GRAMMAR_PATH = f"{NODE_FILES_DIR}/de_DR.xml"
#: dictionary-de.txt followed by administrative-word-parts.txt, concatenated.
NODE_WORD_LIST_PATH = f"{NODE_FILES_DIR}/words-de.txt"

#: ``files`` (hyphenation grammar + word list on the node) or ``inline`` (word list in the
#: index settings, no files on the node).
DECOMPOUNDER_MODES = ("files", "inline")


def _read_words(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# Word parts of German administrative language the general word list lacks (mostly nouns on
# -ung: "anmeldung", "verwaltung", "bescheinigung") or that must always split ("amt", "rat").
# Lowercase, natural spelling (the filter runs before umlaut normalisation).
ADMINISTRATIVE_WORD_PARTS: tuple[str, ...] = _read_words(ADMINISTRATIVE_WORD_LIST_FILE)


def decompounder_word_list() -> list[str]:
    """The word list the decompounder accepts parts from: the general German list plus ours
    (the same words ``scripts/services`` writes to the node's ``words-de.txt``)."""
    excluded = set(_read_words(EXCLUDED_WORD_LIST_FILE))
    general = tuple(word for word in _read_words(GENERAL_WORD_LIST_FILE) if word not in excluded)
    return list(dict.fromkeys(general + ADMINISTRATIVE_WORD_PARTS))


def decompounder_mode() -> str:
    """``SEARCH_DECOMPOUNDER`` from the environment (default ``files``)."""
    mode = os.environ.get("SEARCH_DECOMPOUNDER", "files").strip().lower() or "files"
    if mode not in DECOMPOUNDER_MODES:
        raise ValueError(
            f"SEARCH_DECOMPOUNDER={mode!r} is not supported; use one of {DECOMPOUNDER_MODES}."
        )
    return mode


def decompounder_filter(mode: str) -> dict:
    """The compound-splitting token filter for ``mode`` (see ``DECOMPOUNDER_MODES``).

    Only the longest part starting at a position is kept, and parts inside or overlapping an
    already found part are dropped: "Hundesteuerbescheid" gives hunde, steuer, bescheid, not
    the noise "steu" or "erbe"."""
    common = {"min_subword_size": 3, "only_longest_match": True}
    if mode == "inline":
        return {"type": "dictionary_decompounder", "word_list": decompounder_word_list(), **common}
    return {
        "type": "hyphenation_decompounder",
        "hyphenation_patterns_path": NODE_GRAMMAR_PATH,
        "word_list_path": NODE_WORD_LIST_PATH,
        # OpenSearch >= 2.17, Elasticsearch >= 8.16.
        "no_sub_matches": True,
        "no_overlapping_matches": True,
        **common,
    }


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
    "german_decompounder": decompounder_filter(decompounder_mode()),
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


#: Stop words out, compounds split, then parts that are stop words out again (the inline
#: dictionary decompounder finds "ein" in "Rheinbrücke").
_SPLIT_COMPOUNDS = ("german_stop", "german_decompounder", "german_stop")


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
                    *_SPLIT_COMPOUNDS,
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
                    *_SPLIT_COMPOUNDS,
                    "german_normalization",
                    "german_light_stemmer",
                ),
                # ``.stem`` sub-fields (title and the catch-all field): Snowball stemming.
                "german_stem": _chain(
                    *_SPLIT_COMPOUNDS,
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
    """Short hash of these settings, of the decompounder's files and of the sub-field layout
    version below; stored in each index's mapping so ``prepare_search_index`` can tell an index
    built with other settings (or another word list) and rebuild it."""
    files = hashlib.sha256()
    for path in (
        HYPHENATION_GRAMMAR_FILE,
        GENERAL_WORD_LIST_FILE,
        ADMINISTRATIVE_WORD_LIST_FILE,
        EXCLUDED_WORD_LIST_FILE,
    ):
        files.update(path.read_bytes())
    payload = json.dumps(
        [MAPPING_LAYOUT_VERSION, GERMAN_INDEX_SETTINGS, files.hexdigest()], sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


#: Bump when the mapping layout of ``search.backends.german`` changes (sub-fields, facet fields,
#: index options).
MAPPING_LAYOUT_VERSION = 2
