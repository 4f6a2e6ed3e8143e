"""Every kind of page and every admin view we built, in one list: the browser tests that check
layout (no horizontal page overflow, nothing cut off) and axe run over exactly this list.

A new view gets one line in :data:`PAGES`: its name, the role that uses it and how to reach
it in the :class:`World` that :func:`build_world` makes (the browser tests' small register
plus people, a handover, a read campaign, an adoption, a law and users for each role).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone


@dataclass
class World:
    register: object
    article: object
    other_process: object
    owner: object
    law: object
    handover: object
    campaign: object
    adoption: object
    users: dict


@dataclass(frozen=True)
class PageKind:
    name: str
    #: Key of ``World.users``: the role that uses the page.
    role: str
    route: Callable[[World], str]
    admin: bool = False


def _public(name: str, route: Callable[[World], str], role: str = "staff") -> PageKind:
    return PageKind(name, role, route)


def _admin(name: str, route: Callable[[World], str], role: str = "knowledge") -> PageKind:
    return PageKind(name, role, route, admin=True)


PAGES: tuple[PageKind, ...] = (
    # The intranet, as staff read it.
    _public("home", lambda w: "/"),
    _public("town", lambda w: w.register.municipality.url),
    _public("department", lambda w: w.register.department.url),
    _public("process", lambda w: w.register.process.url),
    _public("scenario", lambda w: w.register.scenario.url),
    _public("handbook", lambda w: w.register.municipality.url + "notfallhandbuch/"),
    _public("committee", lambda w: w.register.committee.url),
    _public("decision", lambda w: w.register.decision.url),
    _public("article", lambda w: w.article.url),
    _public("register", lambda w: w.register.register_page.url),
    _public("search-results", lambda w: "/suche/?q=Gewerbeanmeldung"),
    _public("search-no-results", lambda w: "/suche/?q=Xylophonunterricht"),
    _public("laws", lambda w: "/recht/"),
    _public("law", lambda w: f"/recht/{w.law.slug}/"),
    _public("law-paragraph", lambda w: f"/recht/{w.law.slug}/{w.law.first_anchor}/"),
    _public("my-tasks", lambda w: "/wissen/aufgaben/"),
    _public("experts", lambda w: "/wissen/personen/?q=Gewerbe"),
    _public("person", lambda w: f"/wissen/personen/{w.owner.pk}/"),
    PageKind("login", "anonymous", lambda w: "/anmelden/"),
    # Admin views we built, as the role that works with them.
    _admin("admin-register-list", lambda w: "/admin/prozesse/processpage/", role="editor"),
    _admin("admin-health", lambda w: "/admin/wissen/gesundheit/"),
    _admin("admin-handovers", lambda w: "/admin/wissen/uebergaben/"),
    _admin("admin-handover", lambda w: f"/admin/wissen/uebergaben/{w.handover.pk}/"),
    _admin(
        "admin-handover-interview", lambda w: f"/admin/wissen/uebergaben/{w.handover.pk}/gespraech/"
    ),
    _admin("admin-adoptions", lambda w: "/admin/wissen/uebernahmen/"),
    _admin("admin-adoption", lambda w: f"/admin/wissen/uebernahmen/{w.adoption.pk}/"),
    _admin("admin-reading-campaigns", lambda w: "/admin/wissen/kenntnisnahmen/"),
    _admin("admin-reading-campaign", lambda w: f"/admin/wissen/kenntnisnahmen/{w.campaign.pk}/"),
    _admin(
        "admin-search-explain",
        lambda w: f"/admin/suche/warum/{w.register.process.pk}/?q=Gewerbeanmeldung",
    ),
    _admin("admin-people", lambda w: "/admin/snippets/prozesse/person/"),
    _admin("admin-roles", lambda w: "/admin/rollen/", role="administration"),
    # Start pages per role, the overdue list and the help (#21).
    _admin("admin-dashboard-editor", lambda w: "/admin/", role="editor"),
    _admin("admin-overdue", lambda w: "/admin/wissen/ueberfaellig/"),
    _admin("admin-help", lambda w: "/admin/hilfe/", role="editor"),
    # Accessibility statement and barrier reports (BITV 2.0).
    PageKind("accessibility-statement", "anonymous", lambda w: "/barrierefreiheit/"),
    _public("barrier-report-form", lambda w: "/barrierefreiheit/rueckmeldung/"),
    _admin(
        "admin-barrier-reports",
        lambda w: "/admin/snippets/accessibility/barrierreport/",
        role="administration",
    ),
    # Emergency management (BSI-Standard 200-4): BIA overview, exercises, released handbooks.
    _admin("admin-bia-towns", lambda w: "/admin/notfallvorsorge/"),
    _admin("admin-bia-town", lambda w: f"/admin/notfallvorsorge/{w.register.municipality.pk}/"),
    _admin("admin-exercises", lambda w: "/admin/snippets/readiness/exercise/"),
    _admin("admin-handbooks", lambda w: "/admin/notfallvorsorge/handbuecher/"),
    _public(
        "released-handbooks",
        lambda w: f"/notfallvorsorge/{w.register.municipality.slug}/handbuecher/",
    ),
)


def build_world() -> World:
    """The browser tests' register (``tests.e2e.support.build_register``) and what the other
    page kinds need, with one user per role."""
    from knowledge.models import Adoption
    from knowledge.reading import start_campaign
    from prozesse.models import Law, LawParagraph
    from prozesse.roles import provisioning
    from tests.builders import publish
    from tests.e2e.support import build_register
    from tests.factories import (
        ArticlePageFactory,
        HandoverFactory,
        HandoverItemFactory,
        InterviewEntryFactory,
        PersonFactory,
        ProcessPageFactory,
        UserFactory,
    )

    register = build_register()
    town, department = register.municipality, register.department
    (unit,) = provisioning.provision_municipality(town)
    knowledge_group = provisioning.provision_global_roles()["wissen_alle"]
    users = {
        "staff": UserFactory(first_name="Maria", last_name="Lesend"),
        "editor": UserFactory(first_name="Rita", last_name="Redaktion"),
        "knowledge": UserFactory(first_name="Wim", last_name="Wissen"),
        "administration": UserFactory(is_superuser=True, is_staff=True),
        "anonymous": None,
    }
    users["editor"].groups.add(unit.editors)
    users["knowledge"].groups.add(knowledge_group)
    PersonFactory(name="Maria Lesend", department=department, user=users["staff"])
    owner = register.process.content_owner
    owner.department, owner.phone = department, "06432 501-120"
    owner.save()

    article = publish(
        ArticlePageFactory(
            parent=department, title="Erfahrungen mit der E-Akte", content_owner=owner
        )
    )
    other_process = publish(ProcessPageFactory(parent=department, title="Gewerbeummeldung"))
    adoption = Adoption.objects.create(copy=other_process, origin=register.process)
    law = Law.objects.create(abbreviation="GewO", title="Gewerbeordnung", slug="gewo")
    paragraph = LawParagraph.objects.create(
        law=law, kind="§", number="14", anchor="p14", title="Anzeigepflicht", text="(1) Wer …"
    )
    law.first_anchor = paragraph.anchor
    leaving = PersonFactory(name="Klaus Abschied", department=department)
    handover = HandoverFactory(
        person=leaving, last_working_day=timezone.localdate() + datetime.timedelta(days=20)
    )
    HandoverItemFactory(handover=handover, page=register.process)
    InterviewEntryFactory(handover=handover)
    campaign = start_campaign(
        register.process,
        users["administration"],
        due_date=timezone.localdate() + datetime.timedelta(days=14),
        departments=[department],
    )
    return World(
        register=register,
        article=article,
        other_process=other_process,
        owner=owner,
        law=law,
        handover=handover,
        campaign=campaign,
        adoption=adoption,
        users=users,
    )
