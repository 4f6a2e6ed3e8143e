"""Compound splitting on the live node (``_analyze``): the hyphenation decompounder with the
German grammar and word list splits compounds nobody put on our administrative list, keeps
only the longest, non-overlapping parts (no noise such as "steu" or "erb"), and still splits
at every word of our administrative list. The search-time analyzer does not split."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from search.analysis import (
    ADMINISTRATIVE_WORD_PARTS,
    decompounder_filter,
    decompounder_word_list,
)
from tests.services import require_service

ROOT = Path(__file__).resolve().parents[2]

# Compounds outside the administrative list and the parts each must give (the compound itself
# is kept as well; its other parts may appear).
GENERAL_COMPOUNDS: dict[str, set[str]] = {
    "Rheinbrücke": {"brücke"},
    "Baumschutzsatzung": {"baum", "schutz", "satzung"},
    "Wasserturm": {"wasser", "turm"},
    "Schwimmbad": {"schwimm", "bad"},
    "Spielplatz": {"spiel", "platz"},
    "Radweg": {"rad", "weg"},
    "Straßenbahn": {"straße", "bahn"},
    "Kindergarten": {"kinder", "garten"},
    "Feuerwehrhaus": {"feuerwehr", "haus"},
    "Grünfläche": {"grün", "fläche"},
    "Lärmschutzwand": {"lärm", "schutz", "wand"},
    "Bebauungsplan": {"plan"},
    "Klimaschutzkonzept": {"klima", "schutz", "konzept"},
    "Hallenbad": {"hallen", "bad"},
    "Sportplatz": {"sport", "platz"},
    "Musikschule": {"musik", "schule"},
    "Stadtbibliothek": {"stadt", "bibliothek"},
    "Parkhaus": {"park", "haus"},
    "Jugendhilfe": {"jugend", "hilfe"},
    "Müllabfuhr": {"müll", "abfuhr"},
    "Tiefgarage": {"tief", "garage"},
    "Grundschule": {"grund", "schule"},
    "Hauptausschuss": {"haupt", "ausschuss"},
    "Denkmalschutz": {"denkmal", "schutz"},
    "Oberbürgermeister": {"ober", "bürger", "meister"},
    "Ausländerbehörde": {"ausländer", "behörde"},
    "Jahresabschluss": {"jahres", "abschluss"},
    "Eigenbetrieb": {"eigen", "betrieb"},
    "Haltestelle": {"halte", "stelle"},
    "Fahrradstraße": {"fahrrad", "straße"},
}

# Parts that only ever appear as noise of a too eager split.
NOISE = {"steu", "erb", "erbe", "werbe", "run", "tun", "ein", "sein"}

# Real compounds built on words of our administrative list (the general list lacks them).
ADMINISTRATIVE_COMPOUNDS: dict[str, set[str]] = {
    "Gewerbeanmeldung": {"gewerbe", "anmeldung"},
    "Meldebescheinigung": {"melde", "bescheinigung"},
    "Friedhofsverwaltung": {"friedhof", "verwaltung"},
    "Bauamt": {"bau", "amt"},
    "Gemeinderatssitzung": {"gemeinde", "sitzung"},
    "Hundesteuerbescheid": {"hunde", "steuer", "bescheid"},
    "Stadtentwicklung": {"stadt", "entwicklung"},
    "Wasserversorgung": {"wasser", "versorgung"},
}

# Administrative words the German hyphenation grammar does not cut off after "Stadt".
GRAMMAR_EXCEPTIONS = {"scanner", "änderung"}


def analyze(es, text: str, **request) -> list[str]:
    response = es.indices.analyze(body={"text": text, **request})
    return [token["token"] for token in response["tokens"]]


def split(es, text: str, mode: str = "files") -> list[str]:
    """Tokens of the decompounder alone (readable parts, no stemming)."""
    return analyze(es, text, tokenizer="standard", filter=["lowercase", decompounder_filter(mode)])


@pytest.fixture
def es(search_backend):
    return search_backend.es


@pytest.mark.parametrize("compound", sorted(GENERAL_COMPOUNDS))
def test_a_compound_outside_the_administrative_list_is_split_into_its_parts(es, compound):
    assert GENERAL_COMPOUNDS[compound] <= set(split(es, compound))


@pytest.mark.parametrize("compound", [*sorted(GENERAL_COMPOUNDS), "Hundesteuerbescheid"])
def test_no_noise_parts_appear(es, compound):
    assert not NOISE & set(split(es, compound))


def test_hundesteuerbescheid_gives_exactly_its_three_parts(es):
    assert split(es, "Hundesteuerbescheid") == [
        "hundesteuerbescheid",
        "hunde",
        "steuer",
        "bescheid",
    ]


@pytest.mark.parametrize("compound", sorted(ADMINISTRATIVE_COMPOUNDS))
def test_a_compound_of_administrative_words_is_split(es, compound):
    assert ADMINISTRATIVE_COMPOUNDS[compound] <= set(split(es, compound))


def test_every_administrative_word_is_found_after_stadt(es):
    missing = [
        word
        for word in ADMINISTRATIVE_WORD_PARTS
        if word not in GRAMMAR_EXCEPTIONS and word not in split(es, f"stadt{word}")
    ]
    assert missing == []


def test_the_inline_word_list_splits_without_files_on_the_node(es):
    assert {"hunde", "steuer", "bescheid"} <= set(split(es, "Hundesteuerbescheid", "inline"))


def test_the_index_analyzer_splits_and_stems_the_parts(search_backend):
    index = search_backend.get_index_for_model(_page_model()).name
    tokens = [
        t["token"]
        for t in search_backend.es.indices.analyze(
            index=index, body={"analyzer": "default", "text": "Rheinbrücke"}
        )["tokens"]
    ]
    assert {"rheinbruck", "bruck"} <= set(tokens)


def test_the_search_analyzer_does_not_split(search_backend):
    index = search_backend.get_index_for_model(_page_model()).name
    tokens = [
        t["token"]
        for t in search_backend.es.indices.analyze(
            index=index, body={"analyzer": "default_search", "text": "Rheinbrücke"}
        )["tokens"]
    ]
    assert tokens == ["rheinbruck"]


def _page_model():
    from prozesse.models import RegisterEntryPage

    return RegisterEntryPage


def test_scripts_services_installs_the_word_list_the_settings_describe(tmp_path):
    config = tmp_path / "node_1" / "config"
    subprocess.run([ROOT / "scripts" / "services", "install-analysis-files", config], check=True)
    installed = config / "analysis" / "prozessregister"
    words = installed.joinpath("words-de.txt").read_text(encoding="utf-8").splitlines()
    assert {w for w in words if w and not w.startswith("#")} == set(decompounder_word_list())
    grammar = ROOT / "search" / "analysis_files" / "de_DR.xml"
    assert installed.joinpath("de_DR.xml").read_bytes() == grammar.read_bytes()


def test_installing_twice_leaves_the_files_untouched(tmp_path):
    config = tmp_path / "config"
    command = [ROOT / "scripts" / "services", "install-analysis-files", config]
    subprocess.run(command, check=True)
    target = config / "analysis" / "prozessregister" / "words-de.txt"
    before = target.stat().st_mtime_ns
    subprocess.run(command, check=True)
    assert target.stat().st_mtime_ns == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["de_DR.xml", "words-de.txt"]


def test_the_settings_use_the_files_on_the_node_by_default():
    require_service("search engine")
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    decompounder = backend["INDEX_SETTINGS"]["settings"]["analysis"]["filter"][
        "german_decompounder"
    ]
    assert decompounder["type"] == "hyphenation_decompounder"
