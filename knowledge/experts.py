"""Expertenfinder: who knows about a topic, across towns.

:func:`experts_for` asks the search backend for the live register entries about a topic and
ranks the people behind them: owners, deputies, editors (revision authors) and reviewers (who
confirmed a page as current). :func:`person_profile` is what a person page shows.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backend

from knowledge.handover import alarm_chain_hits, is_departed
from knowledge.models import Handover, HandoverItem
from prozesse.models import (
    DecisionPage,
    EmergencyScenarioPage,
    Person,
    ProcessDeputy,
    ProcessPage,
    RegisterEntryPage,
    RegisterEntryTag,
)
from prozesse.visibility import Visibility

logger = logging.getLogger(__name__)

#: Points per kind of involvement with a page about the topic.
WEIGHTS = {"owned": 3, "deputised": 2, "edited": 1, "reviewed": 1}
SEARCHED_PAGES = 50
MAX_QUERY_LENGTH = 200

QUESTION_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*wer\s+(?:kennt|auskennt)\s+sich\s+(?:mit|bei|in)\s+(?P<topic>.+?)\s+aus\s*\??\s*$",
        r"^\s*wer\s+kennt\s+sich\s+(?:mit|bei|in)\s+(?P<topic>.+?)\s*\??\s*$",
        r"^\s*wer\s+(?:weiß|weiss)\s+(?:etwas|was|bescheid)\s+(?:über|ueber|zu|zum|zur|von)\s+"
        r"(?P<topic>.+?)\s*\??\s*$",
        r"^\s*(?:experten|expertinnen|expert:innen|ansprechpartner(?:innen)?)\s+"
        r"(?:für|fuer|zu|zum|zur)\s+(?P<topic>.+?)\s*\??\s*$",
    )
]


def topic_from_question(query: str) -> str:
    """ "Wer kennt sich mit E-Akte aus?" → "E-Akte"; anything else stays as it is."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    for pattern in QUESTION_PATTERNS:
        match = pattern.match(query)
        if match:
            return match.group("topic").strip(" ?")
    return query


@dataclass
class ExpertHit:
    person: object
    owned: int = 0
    deputised: int = 0
    edited: int = 0
    reviewed: int = 0
    pages: list = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(getattr(self, kind) * weight for kind, weight in WEIGHTS.items())

    @property
    def municipality(self):
        return self.person.municipality


def _search_pages(topic: str, visibility: Visibility, *, with_pages: bool) -> list:
    queryset = visibility.apply(RegisterEntryPage.objects.live())
    if not with_pages:  # only who is behind them: no page is shown
        queryset = queryset.only("content_owner_id", "alias_of_id")
    backends = ["default"] + (["fallback"] if "fallback" in settings.WAGTAILSEARCH_BACKENDS else [])
    for name in backends:
        try:
            backend = get_search_backend(name)
            results = backend.search(topic, queryset, operator="and")[:SEARCHED_PAGES]
            return [page for page in results if page.alias_of_id is None]
        except Exception as error:  # engine down: the database backend answers instead
            if name == backends[-1]:
                raise
            logger.error("Expert search falls back to the database: %s", error)
    return []


def experts_for(
    query: str,
    visibility: Visibility,
    *,
    limit: int = 10,
    today: datetime.date | None = None,
    with_pages: bool = True,
):
    """People who own, deputise, edit or review live pages about ``query`` that the reader may
    see, best first. People who have left are not suggested. A constant number of queries.
    ``with_pages=False`` leaves ``ExpertHit.pages`` empty and loads no page's content (the
    search page's side panel shows only names)."""

    topic = topic_from_question(query)
    if not topic:
        return []
    today = today or timezone.localdate()
    pages = _search_pages(topic, visibility, with_pages=with_pages)
    if not pages:
        return []
    by_id = {page.pk: page for page in pages}
    rank = {page.pk: index for index, page in enumerate(pages)}
    involvement: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))

    for page in pages:
        if page.content_owner_id:
            involvement[page.content_owner_id]["owned"].add(page.pk)
    for page_id, person_id in ProcessDeputy.objects.filter(page_id__in=by_id).values_list(
        "page_id", "person_id"
    ):
        involvement[person_id]["deputised"].add(page_id)

    page_type = ContentType.objects.get_for_model(Page)
    edits = Revision.objects.filter(
        base_content_type=page_type,
        object_id__in=[str(pk) for pk in by_id],
        user__isnull=False,
    ).values_list("object_id", "user_id")
    reviews = PageLogEntry.objects.filter(
        page_id__in=by_id, action="knowledge.confirm_current", user__isnull=False
    ).values_list("page_id", "user_id")
    by_user: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for object_id, user_id in edits:
        by_user[user_id].append(("edited", int(object_id)))
    for page_id, user_id in reviews:
        by_user[user_id].append(("reviewed", page_id))
    if by_user:
        for person_id, user_id in Person.objects.filter(user_id__in=by_user).values_list(
            "pk", "user_id"
        ):
            for kind, page_id in by_user[user_id]:
                involvement[person_id][kind].add(page_id)

    # Rank on plain values first: a broad topic involves dozens of people, and loading each with
    # their town and department (two pages each) cost more than the search itself. Only the
    # people shown are loaded whole.
    present = Person.objects.filter(pk__in=involvement).exclude(left_on__lt=today)
    ranked = []
    for person_id, name in present.values_list("pk", "name"):
        kinds = involvement[person_id]
        hit = ExpertHit(person=None, **{kind: len(kinds[kind]) for kind in WEIGHTS})
        ranked.append((-hit.score, name, person_id, hit))
    ranked.sort(key=lambda row: row[:3])
    shown = [(person_id, hit) for _, _, person_id, hit in ranked[:limit]]
    people = Person.objects.select_related("municipality", "department").in_bulk(
        [person_id for person_id, _ in shown]
    )
    hits = []
    for person_id, hit in shown:
        if person_id not in people:  # deleted in between
            continue
        hit.person = people[person_id]
        if with_pages:
            page_ids = set().union(*involvement[person_id].values())
            hit.pages = [by_id[pk] for pk in sorted(page_ids, key=rank.get)][:3]
        hits.append(hit)
    return hits


# ---------------------------------------------------------------------------- person page


def person_profile(person, visibility: Visibility, today: datetime.date | None = None) -> dict:
    """Everything a person page shows: what they own, deputise, are called for, implement,
    reviewed, edited and handed over, and their topics — only pages the reader may see."""

    today = today or timezone.localdate()
    live = visibility.apply(
        RegisterEntryPage.objects.live().select_related("municipality", "department")
    )
    owned = list(live.filter(content_owner=person).order_by("title"))
    deputised = list(
        visibility.apply(ProcessPage.objects.live())
        .filter(deputies__person=person)
        .select_related("municipality", "department")
        .distinct()
        .order_by("title")
    )
    alarm_roles = []
    for scenario in visibility.apply(EmergencyScenarioPage.objects.live()).select_related(
        "municipality"
    ):
        for _block, slot, role, _pk in alarm_chain_hits(scenario.alarm_chain.raw_data, {person.pk}):
            alarm_roles.append((scenario, role, slot == "substitute"))
    decisions = list(
        visibility.apply(DecisionPage.objects.live())
        .filter(responsible_person=person)
        .order_by("decision_number")
    )
    reviewed, edited = [], []
    if person.user_id:
        reviewed_ids = (
            PageLogEntry.objects.filter(user_id=person.user_id, action="knowledge.confirm_current")
            .order_by("-timestamp")
            .values_list("page_id", flat=True)
        )
        reviewed = list(live.filter(pk__in=list(dict.fromkeys(reviewed_ids))[:200])[:20])
        edited_ids = (
            Revision.objects.filter(
                user_id=person.user_id,
                base_content_type=ContentType.objects.get_for_model(Page),
            )
            .order_by("-created_at")
            .values_list("object_id", flat=True)[:500]
        )
        edited = list(live.filter(pk__in={int(i) for i in edited_ids}).order_by("title")[:30])

    involved = {page.pk for page in owned + deputised + edited}
    topics = Counter(
        RegisterEntryTag.objects.filter(content_object_id__in=involved).values_list(
            "tag__name", flat=True
        )
    )
    handovers_given = list(Handover.objects.filter(person=person).select_related("person"))
    received = list(
        HandoverItem.objects.filter(successor=person, done_at__isnull=False)
        .filter(visibility.q("page__"))
        .select_related("handover__person", "page")
        .order_by("-done_at")[:30]
    )
    received += list(
        HandoverItem.objects.filter(
            Q(successor__isnull=True) & Q(handover__default_successor=person),
            visibility.q("page__"),
            done_at__isnull=False,
        )
        .select_related("handover__person", "page")
        .order_by("-done_at")[:30]
    )
    return {
        "person": person,
        "departed": is_departed(person, today),
        "owned": owned,
        "deputised": deputised,
        "alarm_roles": alarm_roles,
        "decisions": decisions,
        "reviewed": reviewed,
        "edited": edited,
        "topics": topics.most_common(15),
        "handovers_given": handovers_given,
        "received": received,
    }
