"""Queries with judged answers, written from real text by fixed rules — never from what the
search returns.

Sources: the Karlsruhe council papers (``shared/data/oparl-karlsruhe``, titles of
Beschluss- and Informationsvorlagen with extracted text) and the paragraph headings of the
federal laws (``shared/data/gesetze``). Everything below is deterministic: candidates are
taken in the order of a SHA-1 of their id, and each target serves one query at most.

Words. A *word* is a run of letters. The *vocabulary* is every word (lowercased) of all
14,004 paper titles and all law headings, with its title frequency (in how many titles it
occurs). A *content word* of a title is a word of at least 4 letters that starts with a
capital letter and is not on ``BOILERPLATE``. The *context word* W of a query is the content
word of the target title with the lowest title frequency ≥ 2 that differs from (and does not
contain) the word the rule works on: it narrows the query like a second word staff add,
without identifying the paper on its own.

Kinds (paper titles unless said otherwise):

* ``compound_part`` – a content word C of ≥ 10 letters ends with a vocabulary word Y of ≥ 4
  letters (title frequency ≥ 3; the longest such Y; at least 4 letters of C before it).
  Query "Y W" ("Brücke Maxau" for "Rheinbrücke Maxau"). Laws: the same rule on headings, W
  the law's name as the page title writes it. Y is never a suffix of gender forms
  (``NOT_PARTS``: "innen" of "MitarbeiterInnen").
* ``compound_apart`` – C = X + Y, X (or X without a linking "s") and Y both vocabulary words
  (frequency ≥ 3, ≥ 4 letters). Query "X Y W".
* ``compound_joined`` – a hyphenated title word "A-B", both parts vocabulary words (frequency
  ≥ 3, ≥ 4 letters), A not on ``BOILERPLATE``. Query "Ab W".
* ``inflected`` – a content word of ≥ 6 letters ending in -ung, -heit, -keit, -schaft, -tion, -sion
  (query: plural, +en) or in -ungen (query: singular). Query "inflected W".
* ``umlaut`` – a content word with ä, ö, ü or ß, written ae, oe, ue, ss. Query "word W".
* ``typo`` – a content word of ≥ 8 letters with the two letters in its middle swapped
  (position len // 2; the next pair if both are equal). Query "typo W".
* ``synonym`` – law paragraphs: the page title names the law by its abbreviation (even law
  index) or by its full name (odd); the query names it the other way, plus the heading's
  longest content word ("Gewerbeordnung Anzeigepflicht" for "GewO § 14 – Anzeigepflicht").

Judged answers: the target, plus every other indexed document whose title contains (case
insensitive) the rule's focus string and W — for compounds the part, for inflections, umlauts
and typos the original word, for synonyms the same law and heading word.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from prozesse.formats.laws import Law, read_laws
from prozesse.formats.oparl import OParlPaper, iter_papers

#: Queries per kind and source.
PER_KIND = 25
LAW_PARTS = 15
#: Papers whose titles contain the focus string, added per query as competitors.
DISTRACTORS_PER_QUERY = 4
#: Further papers in id-hash order, so the index is not only targets and competitors.
BACKGROUND_PAPERS = 300
TARGET_TYPES = ("Beschlussvorlage", "Informationsvorlage")

BOILERPLATE = frozenset(
    {
        "antrag",
        "äantrag",
        "anfrage",
        "vorlage",
        "karlsruhe",
        "stadt",
        "stadtteil",
        "sachstand",
        "bericht",
    }
)
#: Vocabulary words that are no compound parts.
NOT_PARTS = frozenset({"innen"})
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_PLURAL_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "sion")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    #: Source ids (OParl id or "law:<abbr>:<anchor>") of the judged answers.
    answers: frozenset[str]
    target: str
    #: For papers: the string the rule worked on and the context word (see the docstring).
    focus: str = ""
    context: str = ""


@dataclass
class Collection:
    queries: list[Query] = field(default_factory=list)
    papers: list[OParlPaper] = field(default_factory=list)
    #: (law, paragraph index, title the page gets)
    law_pages: list[tuple[Law, int, str]] = field(default_factory=list)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def content_words(title: str) -> list[str]:
    return [
        w
        for w in dict.fromkeys(words(title))
        if len(w) >= 4 and w[0].isupper() and w.lower() not in BOILERPLATE
    ]


class Vocabulary:
    def __init__(self, titles: list[str]):
        self.frequency: Counter[str] = Counter()
        for title in titles:
            self.frequency.update({w.lower() for w in words(title)})

    def known(self, word: str, minimum: int = 3) -> bool:
        lowered = word.lower()
        return len(word) >= 4 and lowered not in NOT_PARTS and self.frequency[lowered] >= minimum

    def context_word(self, title: str, focus: str) -> str | None:
        focus = focus.lower()
        candidates = [
            w
            for w in content_words(title)
            if w.lower() != focus
            and focus not in w.lower()
            and w.lower() not in focus
            and self.frequency[w.lower()] >= 2
        ]
        if not candidates:
            return None
        return min(candidates, key=lambda w: (self.frequency[w.lower()], w))


def tail_part(word: str, vocabulary: Vocabulary) -> str | None:
    """The longest vocabulary word ending ``word`` with ≥ 4 letters left before it."""
    if len(word) < 10:
        return None
    for start in range(4, len(word) - 3):
        tail = word[start:]
        if vocabulary.known(tail):
            return tail
    return None


def split_apart(word: str, vocabulary: Vocabulary) -> tuple[str, str] | None:
    if len(word) < 10:
        return None
    for start in range(4, len(word) - 3):
        head, tail = word[:start], word[start:]
        if not vocabulary.known(tail):
            continue
        if vocabulary.known(head):
            return head, tail
        if head.endswith("s") and vocabulary.known(head[:-1]):
            return head[:-1], tail
    return None


def inflect(word: str) -> str | None:
    if len(word) < 6:
        return None
    if word.endswith("ungen"):
        return word[:-2]
    if word.endswith(_PLURAL_ENDINGS):
        return word + "en"
    return None


def typo(word: str) -> str | None:
    if len(word) < 8:
        return None
    k = len(word) // 2
    if word[k] == word[k + 1]:
        k += 1
    if k + 1 >= len(word) or word[k] == word[k + 1]:
        return None
    return word[:k] + word[k + 1] + word[k] + word[k + 2 :]


def _paper_rule(kind: str, title: str, vocabulary: Vocabulary) -> tuple[str, str, str] | None:
    """(query, focus string, context word) for a paper title, or None."""
    for word in content_words(title):
        if kind == "compound_part":
            part = tail_part(word, vocabulary)
            made = (part.capitalize(), part) if part else None
        elif kind == "compound_apart":
            pair = split_apart(word, vocabulary)
            made = (f"{pair[0]} {pair[1].capitalize()}", word) if pair else None
        elif kind == "inflected":
            form = inflect(word)
            made = (form, word[:-2] if word.endswith("ungen") else word) if form else None
        elif kind == "umlaut":
            folded = word.translate(_FOLD)
            made = (folded, word) if folded != word and len(word) >= 5 else None
        elif kind == "typo":
            wrong = typo(word)
            made = (wrong, word) if wrong else None
        else:
            made = None
        if made is None:
            continue
        context = vocabulary.context_word(title, made[1])
        if context:
            return f"{made[0]} {context}", made[1], context
    if kind == "compound_joined":
        for match in re.finditer(
            r"\b([A-ZÄÖÜ][a-zäöüß]{2,})-([A-ZÄÖÜa-zäöüß][a-zäöüß]{2,})\b", title
        ):
            first, second = match.group(1), match.group(2)
            if first.lower() in BOILERPLATE or not (
                vocabulary.known(first) and vocabulary.known(second)
            ):
                continue
            joined = match.group(1) + match.group(2).lower()
            context = vocabulary.context_word(title, match.group(0))
            if context and context not in match.group(0):
                return f"{joined} {context}", match.group(0), context
    return None


PAPER_KINDS = ("compound_part", "compound_apart", "compound_joined", "inflected", "umlaut", "typo")


def _contains(title: str, *needles: str) -> bool:
    lowered = title.lower()
    return all(needle.lower() in lowered for needle in needles)


def build(oparl_dir: Path, laws_dir: Path) -> Collection:
    papers = sorted(iter_papers(oparl_dir), key=lambda p: _key(p.oparl_id))
    papers = [p for p in papers if not isinstance(p, Exception) and not p.deleted and p.name]
    laws = sorted(read_laws(laws_dir), key=lambda law: law.abbreviation)
    headings = [p.title for law in laws for p in law.paragraphs if p.title]
    vocabulary = Vocabulary([p.name for p in papers] + headings)
    collection = Collection()
    chosen: dict[str, OParlPaper] = {}
    used: set[str] = set()
    targets = [p for p in papers if p.paper_type in TARGET_TYPES and p.main_file_text]
    for kind in PAPER_KINDS:
        made = 0
        for paper in targets:
            if made >= PER_KIND:
                break
            if paper.oparl_id in used:
                continue
            rule = _paper_rule(kind, paper.name, vocabulary)
            if rule is None:
                continue
            query, focus, context = rule
            used.add(paper.oparl_id)
            chosen[paper.oparl_id] = paper
            competitors = [
                p for p in papers if p.oparl_id not in chosen and _contains(p.name, focus)
            ][:DISTRACTORS_PER_QUERY]
            for p in competitors:
                chosen[p.oparl_id] = p
            collection.queries.append(
                Query(kind, query, frozenset({paper.oparl_id}), paper.oparl_id, focus, context)
            )
            made += 1
    for paper in papers[:BACKGROUND_PAPERS]:
        chosen.setdefault(paper.oparl_id, paper)
    collection.papers = list(chosen.values())
    _law_queries(laws, vocabulary, collection)
    _judge(collection)
    return collection


def _law_queries(laws: list[Law], vocabulary: Vocabulary, collection: Collection) -> None:
    synonyms = parts = 0
    for number, law in enumerate(laws):
        by_name = number % 2 == 1
        law_name = law.title if len(law.title) <= 40 else None
        paragraphs = [p for p in law.paragraphs if p.title and not p.repealed]
        for index, paragraph in sorted(
            enumerate(paragraphs), key=lambda item: _key(law.abbreviation + item[1].anchor)
        )[:6]:
            name = law_name if by_name else law.abbreviation
            title = f"{name or law.abbreviation} § {paragraph.number} – {paragraph.title}"
            collection.law_pages.append((law, law.paragraphs.index(paragraph), title))
            source = f"law:{law.abbreviation}:{paragraph.anchor}"
            heading_words = sorted(content_words(paragraph.title), key=lambda w: (-len(w), w))
            if law_name and heading_words and synonyms < PER_KIND and index % 3 == 0:
                other = law.abbreviation if by_name else law_name
                collection.queries.append(
                    Query("synonym", f"{other} {heading_words[0]}", frozenset({source}), source)
                )
                synonyms += 1
                continue
            for word in heading_words:
                part = tail_part(word, vocabulary)
                if part and parts < LAW_PARTS:
                    query = f"{part.capitalize()} {name or law.abbreviation}"
                    collection.queries.append(
                        Query("compound_part", query, frozenset({source}), source)
                    )
                    parts += 1
                    break


def _judge(collection: Collection) -> None:
    """Add every other indexed paper whose title contains the query's focus string and context
    word to its judged answers."""
    titles = {p.oparl_id: p.name for p in collection.papers}
    judged = []
    for query in collection.queries:
        answers = set(query.answers)
        if query.focus:
            answers |= {
                pid for pid, title in titles.items() if _contains(title, query.focus, query.context)
            }
        judged.append(
            Query(
                query.kind, query.text, frozenset(answers), query.target, query.focus, query.context
            )
        )
    collection.queries = judged
