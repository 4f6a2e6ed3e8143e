"""Reader for a catalogue of German laws in Markdown (format of the bundestag/gesetze repository).

Each file starts with a small YAML front matter block (``Title``, ``jurabk``, ``slug``, ...),
followed by the law in Markdown: one ``# Title (jurabk)`` heading and then one heading per
paragraph (``### § 14 Anzeigepflicht; Verordnungsermächtigung``) or article (``### Art 28``),
interleaved with structural headings (``## Titel II - Stehendes Gewerbe``, ``### Abschnitt 1``,
``### Anlage 3``).  The heading *level* of paragraphs varies (``##`` to ``######``) with the
depth of the structure, so paragraphs are recognised by their text, not by their level.

Pure Python, no Django: the management command maps :class:`Law` / :class:`LawParagraph` onto
pages.  :func:`parse_citation` recognises citations such as ``§ 14 Abs. 1 GewO``,
``§§ 27, 29 MuSchG``, ``Art. 28 GG``, ``GewO § 14`` or ``GewO 14`` (search-query style).

Data quirks handled here (all seen in the real files):

* multi-line ``Title:`` values (continuation lines indented),
* ``aufenthg_2004.md`` has the first two lines of its title *before* the front matter,
* ``jurabk`` carries a year for re-enacted laws (``MuSchG 2018``); the citation abbreviation
  strips it (``MuSchG``), and the SGB books are cited with Roman numerals (``SGB 2`` ->
  ``SGB II``),
* grouped repealed headings ``(XXXX) §§ 16 bis 28 (weggefallen)`` -> one entry with
  ``number_to``; repealed paragraphs have ``repealed=True``,
* ``Art 28`` (no dot) in the GG is normalised to kind ``Art.``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Citation",
    "Law",
    "LawFormatError",
    "LawParagraph",
    "abbreviation_index",
    "parse_citation",
    "read_law",
    "read_laws",
]

#: File names in a law directory that are documentation, not laws.
NON_LAW_FILES = frozenset({"source.md", "readme.md", "license.md", "licence.md"})

#: How many lines of stray text may precede the front matter (see aufenthg_2004.md).
_MAX_PREAMBLE_LINES = 5

_ROMAN = {
    1: "I",
    2: "II",
    3: "III",
    4: "IV",
    5: "V",
    6: "VI",
    7: "VII",
    8: "VIII",
    9: "IX",
    10: "X",
    11: "XI",
    12: "XII",
    13: "XIII",
    14: "XIV",
}


class LawFormatError(ValueError):
    """A law file cannot be read (message in German, for the import command's output)."""


@dataclass(frozen=True)
class LawParagraph:
    """One paragraph (``§``) or article (``Art.``) of a law.

    ``number`` is the (first) number as written (``"14"``, ``"14a"``); for grouped headings
    such as ``§§ 16 bis 28 (weggefallen)`` ``number_to`` holds the last one (``"28"``).
    ``text`` is the Markdown body up to the next heading, stripped (may be empty).
    ``anchor`` is a URL fragment/slug unique within the law (``"p14"``, ``"p14a"``,
    ``"art28"``, ``"p16-28"``).  ``structure`` lists the enclosing structural headings,
    outermost first (``("Titel II - Stehendes Gewerbe", "I. - Allgemeine Erfordernisse")``).
    """

    kind: str
    number: str
    title: str
    text: str
    anchor: str
    number_to: str | None = None
    repealed: bool = False
    structure: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Display label: ``"§ 14"``, ``"Art. 28"``, ``"§§ 16 bis 28"``."""
        if self.number_to is None:
            return f"{self.kind} {self.number}"
        plural = "§§" if self.kind == "§" else "Art."
        return f"{plural} {self.number} bis {self.number_to}"

    def covers(self, number: str) -> bool:
        """True if ``number`` is this paragraph's number or lies in its grouped range."""
        key = _number_key(number)
        if key is None:
            return False
        if self.number_to is None:
            return key == _number_key(self.number)
        low, high = _number_key(self.number), _number_key(self.number_to)
        return low is not None and high is not None and low <= key <= high


@dataclass(frozen=True)
class Law:
    """A law with its paragraphs in document order.

    ``abbreviation`` is the form used in citations (``"GewO"``, ``"MuSchG"``, ``"SGB II"``);
    ``jurabk`` is the official abbreviation from the front matter as written
    (``"MuSchG 2018"``, ``"SGB 2"``); ``aliases`` are all spellings that
    :func:`parse_citation` should accept for this law (see :func:`abbreviation_index`).
    """

    abbreviation: str
    title: str
    slug: str
    paragraphs: tuple[LawParagraph, ...]
    jurabk: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def uses_articles(self) -> bool:
        """True for laws structured in articles (``Art.``) rather than paragraphs (GG)."""
        arts = sum(1 for p in self.paragraphs if p.kind == "Art.")
        return arts > len(self.paragraphs) - arts

    def paragraph(self, number: str, kind: str | None = None) -> LawParagraph | None:
        """Look up a paragraph by number (``"14"``, ``"14a"``), also inside grouped ranges.

        ``kind`` (``"§"`` or ``"Art."``) restricts the search; by default any kind matches.
        """
        number = number.strip()
        candidates = [p for p in self.paragraphs if kind is None or p.kind == _norm_kind(kind)]
        for p in candidates:
            if p.number_to is None and p.number == number:
                return p
        for p in candidates:
            if p.number_to is not None and p.covers(number):
                return p
        return None


@dataclass(frozen=True)
class Citation:
    """A citation of a legal norm found in text.

    ``kind`` is ``"§"`` or ``"Art."``; ``law_abbreviation`` is the canonical abbreviation (as
    given to :func:`parse_citation`) or ``None`` if the text names no (known) law.
    ``absatz``/``satz``/``nummer`` are normalised strings (``"1"``, ``"1-4"``, ``"1, 2"``).
    ``number_to`` is set for ranges (``§§ 16 bis 28``).
    """

    kind: str
    number: str
    law_abbreviation: str | None
    absatz: str | None = None
    satz: str | None = None
    nummer: str | None = None
    number_to: str | None = None

    def __str__(self) -> str:
        parts = [("§§" if self.number_to and self.kind == "§" else self.kind), self.number]
        if self.number_to:
            parts += ["bis", self.number_to]
        if self.absatz:
            parts += ["Abs.", self.absatz]
        if self.satz:
            parts += ["Satz", self.satz]
        if self.nummer:
            parts += ["Nr.", self.nummer]
        if self.law_abbreviation:
            parts.append(self.law_abbreviation)
        return " ".join(parts)


# --------------------------------------------------------------------------------------------
# Reading law files
# --------------------------------------------------------------------------------------------

_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(\S.*?)[ \t]*#*[ \t]*$")
_PARAGRAPH_HEADING_RE = re.compile(
    r"^(?:\(XXXX\)\s*)?"
    r"(?P<sign>§§?|Art\.?|Artikel)\s*"
    r"(?P<num>\d+[a-z]*)"
    r"(?:\s+(?P<sep>bis|und)\s+(?P<num_to>\d+[a-z]*))?"
    r"(?=\s|$)\s*(?P<title>.*)$"
)
_ANNEX_RE = re.compile(r"^(?:\(XXXX\)\s*)?[*(\s]*(?:Anlage|Anhang)\b")
_YEAR_SUFFIX_RE = re.compile(r"^(?P<abbr>.*\S)\s+(?:19|20)\d\d$")
_SGB_RE = re.compile(r"^SGB\s+(?P<book>\d{1,2})$")
_WS_RE = re.compile(r"\s+")


def read_law(source: Path | str | bytes, *, name: str | None = None) -> Law:
    """Read one law.

    ``source`` is a :class:`~pathlib.Path` to a Markdown file, or the Markdown text itself
    (``str`` or UTF-8 ``bytes``).  ``name`` is used in error messages (defaults to the file
    name).  Raises :class:`LawFormatError` (German message) for unreadable files, missing
    front matter or a missing ``jurabk``.
    """
    if isinstance(source, Path):
        name = name or source.name
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise LawFormatError(f"{name}: Datei kann nicht gelesen werden ({exc}).") from exc
    else:
        raw = source
    label = name or "Gesetzestext"
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LawFormatError(
                f"{label}: Die Datei ist nicht UTF-8-kodiert (Byte {exc.start})."
            ) from exc
    else:
        text = raw.removeprefix("\ufeff")

    lines = text.splitlines()
    meta, preamble, body_start = _split_front_matter(lines, label)

    jurabk = _normalise_ws(meta.get("jurabk", ""))
    if not jurabk:
        raise LawFormatError(f"{label}: In der Front Matter fehlt die Abkürzung (jurabk).")
    title = _normalise_ws(" ".join([*preamble, meta.get("title", "")]))
    slug = meta.get("slug", "").strip() or meta.get("origslug", "").strip()
    if not slug:
        slug = Path(name).stem if name else _slugify(jurabk)
    abbreviation, aliases = _abbreviation_and_aliases(jurabk)
    if not title:
        title = abbreviation

    paragraphs = _parse_body(lines[body_start:], label)
    return Law(
        abbreviation=abbreviation,
        title=title,
        slug=slug,
        paragraphs=tuple(paragraphs),
        jurabk=jurabk,
        aliases=aliases,
    )


def read_laws(directory: Path) -> list[Law]:
    """Read every ``*.md`` law in ``directory`` (sorted by file name).

    Documentation files (``SOURCE.md``, ``README.md``, ...) are skipped; any other file
    without front matter raises :class:`LawFormatError`.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise LawFormatError(f"Verzeichnis {directory} existiert nicht.")
    return [
        read_law(path)
        for path in sorted(directory.glob("*.md"))
        if path.name.lower() not in NON_LAW_FILES and path.is_file()
    ]


def abbreviation_index(laws: Iterable[Law]) -> dict[str, str]:
    """Map every alias of every law (``"MuSchG 2018"``, ``"SGB 2"``, ...) to its abbreviation.

    The result can be passed as ``known_abbreviations`` to :func:`parse_citation`.
    """
    index: dict[str, str] = {}
    for law in laws:
        for alias in (law.abbreviation, *law.aliases):
            index.setdefault(alias, law.abbreviation)
    return index


def _split_front_matter(lines: list[str], label: str) -> tuple[dict[str, str], list[str], int]:
    """Return (lower-cased key -> value, stray lines before the block, index after block)."""
    start = None
    for i, line in enumerate(lines[: _MAX_PREAMBLE_LINES + 1]):
        if line.strip() == "---":
            start = i
            break
    if start is None:
        raise LawFormatError(
            f"{label}: Keine Front Matter gefunden; die Datei muss mit einem Block "
            "'---' / 'Title: …' / 'jurabk: …' / '---' beginnen."
        )
    end = None
    for j in range(start + 1, len(lines)):
        if lines[j].strip() == "---":
            end = j
            break
    if end is None:
        raise LawFormatError(f"{label}: Die Front Matter wird nicht mit '---' abgeschlossen.")

    meta: dict[str, str] = {}
    key: str | None = None
    for line in lines[start + 1 : end]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1].isspace() and key is not None:  # continuation of a multi-line value
            meta[key] = f"{meta[key]} {line.strip()}".strip()
            continue
        k, sep, v = line.partition(":")
        if not sep:
            raise LawFormatError(f"{label}: Ungültige Zeile in der Front Matter: {line.strip()!r}")
        key = k.strip().lower()
        meta[key] = _unquote(v.strip())
    preamble = [line.strip() for line in lines[:start] if line.strip()]
    return meta, preamble, end + 1


def _parse_body(lines: list[str], label: str) -> list[LawParagraph]:
    paragraphs: list[LawParagraph] = []
    structure: list[tuple[int, str]] = []  # (level, heading) of enclosing structural headings
    current: dict | None = None
    body: list[str] = []

    def flush() -> None:
        nonlocal current
        if current is not None:
            paragraphs.append(_make_paragraph(current, "\n".join(body)))
        current = None
        body.clear()

    annex_level: int | None = None  # set while inside an "Anlage"/"Anhang"

    for line in lines:
        m = _HEADING_RE.match(line)
        if not m:
            if current is not None:
                body.append(line)
            continue
        level, heading = len(m.group(1)), _normalise_ws(m.group(2))
        flush()
        if level == 1:  # the law's own title heading
            structure.clear()
            continue
        pm = _PARAGRAPH_HEADING_RE.match(heading)
        if pm:
            # Paragraph headings inside an annex belong to a form or model text printed there
            # (AO Anlage 1 "Mustersatzung" has its own §§ 1-5), not to the law itself.
            if annex_level is None:
                current = {
                    "match": pm,
                    "structure": tuple(h for lvl, h in structure if lvl < level),
                }
            continue
        if _ANNEX_RE.match(heading):
            annex_level = level if annex_level is None else min(annex_level, level)
        elif annex_level is not None and level <= annex_level:
            annex_level = None
        while structure and structure[-1][0] >= level:
            structure.pop()
        structure.append((level, heading.strip("*").strip()))
    flush()
    return paragraphs


def _make_paragraph(current: dict, body: str) -> LawParagraph:
    pm: re.Match[str] = current["match"]
    kind = _norm_kind(pm.group("sign"))
    number, number_to = pm.group("num"), pm.group("num_to")
    title = pm.group("title").strip()
    text = body.strip()
    repealed = "(weggefallen)" in title or text == "(weggefallen)" or text == "-"
    prefix = "art" if kind == "Art." else "p"
    anchor = f"{prefix}{number}" if number_to is None else f"{prefix}{number}-{number_to}"
    return LawParagraph(
        kind=kind,
        number=number,
        title=title,
        text=text,
        anchor=anchor,
        number_to=number_to,
        repealed=repealed,
        structure=current["structure"],
    )


def _abbreviation_and_aliases(jurabk: str) -> tuple[str, tuple[str, ...]]:
    abbreviation = jurabk
    m = _YEAR_SUFFIX_RE.match(jurabk)
    if m:
        abbreviation = m.group("abbr")
    aliases = [abbreviation, jurabk]
    sgb = _SGB_RE.match(abbreviation)
    if sgb and int(sgb.group("book")) in _ROMAN:
        abbreviation = f"SGB {_ROMAN[int(sgb.group('book'))]}"
        aliases.insert(0, abbreviation)
    return abbreviation, tuple(dict.fromkeys(aliases))


def _norm_kind(sign: str) -> str:
    return "Art." if sign.lower().startswith("art") else "§"


def _number_key(number: str) -> tuple[int, str] | None:
    m = re.fullmatch(r"\s*(\d+)\s*([a-z]*)\s*", number)
    return (int(m.group(1)), m.group(2)) if m else None


def _normalise_ws(value: str) -> str:
    return _WS_RE.sub(" ", value).strip()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")


# --------------------------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------------------------

_NUM = r"\d+[a-z]{0,2}(?![\wäöüß])"
_ABS = (
    r"(?:(?:Abs\.?|Absatz|Absätze)\s*\d+[a-z]?(?:\s*(?:-|\u2013|bis|und|,)\s*\d+[a-z]?)*"
    r"|\(\d+[a-z]?\)(?:\s*(?:-|\u2013|bis)\s*\(\d+[a-z]?\))?)"
)
_SATZ = r"(?:S\.|Satz|Sätze)\s*\d+(?:\s*(?:-|\u2013|bis|und)\s*\d+)?"
_NR = r"(?:Nr\.|Nummer|Nrn\.)\s*\d+[a-z]?(?:\s*(?:-|\u2013|bis|und)\s*\d+[a-z]?)?"
_DETAIL = rf"(?:{_ABS}|{_SATZ}|{_NR})"
_ITEM = rf"{_NUM}(?:\s*{_DETAIL})*"
_SEP = r"\s*(?:,|und|bis|sowie|-|\u2013)\s*"
_SEQ = rf"{_ITEM}(?:{_SEP}{_ITEM})*"
_SIGN = r"(?:§§?|Art\.?|Artikel)"
# A book of the Sozialgesetzbuch keeps its number ("SGB VIII", "SGB 2"); else two capitals.
_GENERIC_ABBR = (
    r"(?:SGB\s+(?:[IVX]+|\d{1,2})(?![\wäöüß])|[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*)"
)

_ITEM_RE = re.compile(rf"(?P<num>{_NUM})(?P<details>(?:\s*{_DETAIL})*)")
_ABS_RE = re.compile(
    r"(?:Abs\.?|Absatz|Absätze)\s*(?P<a>\d+[a-z]?(?:\s*(?:-|\u2013|bis|und|,)\s*\d+[a-z]?)*)"
    r"|\((?P<p1>\d+[a-z]?)\)(?:\s*(?:-|\u2013|bis)\s*\((?P<p2>\d+[a-z]?)\))?"
)
_SATZ_RE = re.compile(r"(?:S\.|Satz|Sätze)\s*(?P<v>\d+(?:\s*(?:-|\u2013|bis|und)\s*\d+)?)")
_NR_RE = re.compile(
    r"(?:Nr\.|Nummer|Nrn\.)\s*(?P<v>\d+[a-z]?(?:\s*(?:-|\u2013|bis|und)\s*\d+[a-z]?)?)"
)


def parse_citation(
    text: str,
    known_abbreviations: Iterable[str] | Mapping[str, str] | None = None,
    *,
    article_abbreviations: Iterable[str] = ("GG",),
) -> list[Citation]:
    """Find all citations of legal norms in ``text``, in order of appearance.

    Recognised forms (the abbreviation is matched case-insensitively)::

        § 14 GewO            §14 Abs. 1 GewO           § 14 Absatz 1 Satz 2 Nr. 3 GewO
        §§ 27, 29 MuSchG     §§ 16 bis 28 GewO         § 27 (1) - (4) MuSchG
        Art. 28 GG           Art 28 Abs. 2 GG          Artikel 28 GG
        GewO § 14            GewO 14   (search-query style, needs a known abbreviation)

    ``known_abbreviations`` is a collection of abbreviations (``{"GewO", "MuSchG"}``) or a
    mapping alias -> canonical abbreviation (see :func:`abbreviation_index`); the returned
    ``law_abbreviation`` is the canonical spelling.  Without it, any token that looks like an
    abbreviation (two or more capitals, e.g. ``ArbSchG``) is accepted after the number, and
    the sign-less query style ``GewO 14`` is not recognised.  A norm without a law
    (``§ 14``) is returned with ``law_abbreviation=None``.  Sign-less references to laws in
    ``article_abbreviations`` (``GG 28``) are articles.
    """
    if isinstance(known_abbreviations, Mapping):
        canon = {k.casefold(): v for k, v in known_abbreviations.items()}
    elif known_abbreviations is not None:
        canon = {k.casefold(): k for k in known_abbreviations}
    else:
        canon = {}
    article_laws = {a.casefold() for a in article_abbreviations}
    article_laws |= {k for k, v in canon.items() if v.casefold() in article_laws}

    if canon:
        alternatives = sorted(canon, key=len, reverse=True)
        abbr = "(?i:" + "|".join(r"\s+".join(map(re.escape, a.split())) for a in alternatives)
        abbr += r")(?![\wäöüß])"
    else:
        abbr = _GENERIC_ABBR + r"(?![\wäöüß])"

    prefix_re = re.compile(
        rf"(?P<sign>{_SIGN})\s*(?P<seq>{_SEQ})"
        rf"(?:\s*,?\s+(?:(?:des|der|dem|im|in)\s+)?(?P<abbr>{abbr}))?"
    )
    # "GewO § 14"; the sign-less query style "GewO 14" only with known abbreviations.
    optional = "?" if canon else ""
    suffix_re = re.compile(
        rf"(?<![\wäöüß§])(?P<abbr>{abbr})\s*(?:(?P<sign>{_SIGN})\s*){optional}(?P<seq>{_SEQ})"
    )

    candidates: list[tuple[int, int, re.Match[str]]] = []
    for regex in (prefix_re, suffix_re):
        for m in regex.finditer(text):
            if m.group("sign") is None and not m.group("abbr"):
                continue
            candidates.append((m.start(), -(m.end() - m.start()), m))
    candidates.sort(key=lambda c: (c[0], c[1]))

    citations: list[Citation] = []
    last_end = -1
    for start, _neg_len, m in candidates:
        if start < last_end:
            continue
        last_end = m.end()
        raw_abbr = m.group("abbr")
        law = None
        if raw_abbr:
            key = _normalise_ws(raw_abbr).casefold()
            law = canon.get(key, _normalise_ws(raw_abbr)) if canon else _normalise_ws(raw_abbr)
        sign = m.group("sign")
        if sign:
            kind = _norm_kind(sign)
        else:
            kind = (
                "Art." if raw_abbr and _normalise_ws(raw_abbr).casefold() in article_laws else "§"
            )
        citations.extend(_citations_from_seq(m.group("seq"), kind, law))
    return citations


def _citations_from_seq(seq: str, kind: str, law: str | None) -> list[Citation]:
    result: list[Citation] = []
    prev_end = 0
    pending_range = False
    for m in _ITEM_RE.finditer(seq):
        between = seq[prev_end : m.start()]
        prev_end = m.end()
        if result and re.search(r"bis|-|\u2013", between):
            pending_range = True
        absatz, satz, nummer = _parse_details(m.group("details"))
        if pending_range and result and result[-1].number_to is None:
            last = result[-1]
            result[-1] = Citation(
                kind, last.number, law, last.absatz, last.satz, last.nummer, m.group("num")
            )
            pending_range = False
            continue
        pending_range = False
        result.append(Citation(kind, m.group("num"), law, absatz, satz, nummer))
    return result


def _parse_details(details: str) -> tuple[str | None, str | None, str | None]:
    absatz = satz = nummer = None
    if not details:
        return None, None, None
    am = _ABS_RE.search(details)
    if am:
        if am.group("a"):
            absatz = _normalise_list(am.group("a"))
        else:
            absatz = am.group("p1") + (f"-{am.group('p2')}" if am.group("p2") else "")
    sm = _SATZ_RE.search(details)
    if sm:
        satz = _normalise_list(sm.group("v"))
    nm = _NR_RE.search(details)
    if nm:
        nummer = _normalise_list(nm.group("v"))
    return absatz, satz, nummer


def _normalise_list(value: str) -> str:
    value = re.sub(r"\s*(?:-|\u2013|bis)\s*", "-", value.strip())
    return re.sub(r"\s*(?:,|und)\s*", ", ", value)
