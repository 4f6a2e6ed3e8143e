"""What a process page shows about its relatives in other towns: adoptions, peers, feedback.

Only what the reader may see (``prozesse.visibility``), counts included, in a constant number
of queries; memoised on the page for the templates that include it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import gettext as _

from knowledge.models import Adoption, Feedback
from prozesse.models import ProcessPage
from prozesse.visibility import Visibility


@dataclass
class Peer:
    page: object
    relation: str


def process_knowledge(page, visibility: Visibility) -> dict:
    """What a process page shows about adoption, peers and feedback – only what the reader may
    see, counts included; a constant number of queries, memoised on the page for the templates
    that include it."""
    cached = getattr(page, "_knowledge_context", None)
    if cached is not None:
        return cached

    adoptions = [
        adoption
        for adoption in Adoption.objects.filter(
            Q(copy_id=page.pk)
            | Q(origin_id=page.pk)
            | Q(origin__in=Adoption.objects.filter(copy_id=page.pk).values("origin"))
        )
        .annotate(
            copy_town=F("copy__municipality__title"),
            copy_path=F("copy__path"),
            origin_path=F("origin__path"),
            origin_revision_created_at=F("origin_revision__created_at"),
        )
        .order_by("copy_town")
        if visibility.allows_path(adoption.copy_path or "")
        and (adoption.origin_path is None or visibility.allows_path(adoption.origin_path))
    ]
    own = next((a for a in adoptions if a.copy_id == page.pk), None)
    copies = [a for a in adoptions if a.origin_id == page.pk]
    linked = {a.copy_id for a in adoptions} | {a.origin_id for a in adoptions}
    linked -= {page.pk, None}

    condition = Q(pk__in=linked)
    if page.service_key:
        condition |= Q(service_key=page.service_key)
    elif not linked:
        condition = None  # no adoption and no LeiKa key: nothing to look for, no query
    peers_qs = (
        []
        if condition is None
        else visibility.apply(
            ProcessPage.objects.live()
            .exclude(pk=page.pk)
            .filter(condition)
            .defer("bpmn_svg", "bpmn_text", "bpmn_outline", "steps", "legal_bases", "attachments")
            .select_related("municipality", "content_owner")
            .prefetch_related("it_systems")
            .order_by("municipality__title", "title")
        )[:30]
    )
    peers = []
    for peer in peers_qs:
        if own is not None and peer.pk == own.origin_id:
            relation = _("Original")
        elif any(a.copy_id == peer.pk and a.origin_id == page.pk for a in copies):
            relation = _("hat übernommen")
        elif peer.pk in linked:
            relation = _("ebenfalls übernommen")
        else:
            relation = _("gleiche Leistung (LeiKa)")
        peers.append(Peer(peer, relation))
    peer_pages = {peer.page.pk: peer.page for peer in peers}
    for adoption in adoptions:
        adoption.copy_page = peer_pages.get(adoption.copy_id)
        adoption.origin_page = peer_pages.get(adoption.origin_id)

    context = {
        "adoption": own,
        "copies": copies,
        "copy_towns": sorted({a.copy_town for a in copies if a.copy_town}),
        "peers": peers,
        "feedback": list(
            Feedback.objects.filter(page_id=page.pk, hidden=False).select_related(
                "author_municipality"
            )[:50]
        ),
    }
    page._knowledge_context = context
    return context
