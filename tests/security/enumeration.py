"""Every URL the application serves, enumerated from the URL configuration and the database,
so a new view is read by the leak test without anyone editing the test.

- The URL configuration (``get_resolver()``, through every include) gives the views. Views
  of this project, its admin views (knowledge management, the register list and its export,
  the roles overview, snippets) and every view outside ``/admin/`` are all read. Of Wagtail's
  own admin views, only those that *list* pages are read (``WAGTAIL_ADMIN_VIEWS``): the
  dashboard, the page explorer, page search, the page chooser, the reports (workflow and
  moderation included), the admin page API listing, workflow and document usage (their
  ``…_results`` twins render the same listing and are left out). A single
  page's editing views (edit, preview, history, revisions) are left out: Wagtail itself checks
  the page permission there, and reading them for every page as every role would triple the
  sweep. The rest (users, groups, sites, collections, images, workflow set-up …) never shows
  page content. Snippet viewsets (all registered by this project) are read through the views
  that show their objects (``SNIPPET_VIEWS``).
- URL parameters are filled from real objects through ``PARAMETERS`` (URL name pattern and
  parameter names → queryset). A pattern whose parameters no rule knows is reported, so the
  leak test fails instead of silently skipping a new view.
- Views that read query parameters get typical values (``QUERIES``): search terms, exports.
- Wagtail's page catch-all is replaced by every page's URL and every sub-route of routable
  pages (``RoutablePageMixin``); every file a model stores under MEDIA is read at its URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Workflow

from tests.security.leak_setup import COMMON_PROBE, PROBE_PREFIX

#: Top-level packages of this project.
PROJECT_PACKAGES = frozenset(
    {
        "intranet",
        "home",
        "prozesse",
        "knowledge",
        "continuity",
        "readiness",
        "search",
        "api",
        "directory",
        "accessibility",
    }
)

#: Wagtail's own admin views that list or show pages (see module docstring).
WAGTAIL_ADMIN_VIEWS = frozenset(
    {
        "wagtailadmin_home",
        "wagtailadmin_explore_root",
        "wagtailadmin_explore",
        "wagtailadmin_pages:search",
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_workflows:usage",
        "wagtailadmin_api:pages:listing",
        "wagtaildocs:index",
        "wagtaildocs:document_usage",
        "wagtailsearchpromotions:search_terms",
    }
)

#: Views of a snippet viewset that show its objects (the others – add, copy, delete, history,
#: choosers – show the same objects again or none).
SNIPPET_VIEWS = frozenset({"list", "edit", "usage", "inspect"})

#: Wagtail's page catch-all: replaced by the URLs of the pages themselves.
PAGE_SERVE = "wagtail_serve"


@dataclass(frozen=True)
class Route:
    """One URL pattern with its full route, namespaced name and parameters."""

    route: str
    name: str | None
    module: str
    kwargs: frozenset[str]
    positional: int

    @property
    def in_admin(self) -> bool:
        return self.route.startswith("admin/")

    @property
    def project_owned(self) -> bool:
        if self.module.split(".", 1)[0] in PROJECT_PACKAGES:
            return True
        name = self.name or ""
        # Snippets and the register list's viewset are all registered by this project.
        return name.startswith(
            ("wagtailsnippets", "wagtailsnippetchoosers", "prozesse_register:")
        ) or self.route.startswith("admin/snippets/")

    def read(self) -> bool:
        """Whether the leak test reads this pattern (else it is Wagtail's own admin)."""
        name = self.name or ""
        if name == PAGE_SERVE:
            return False
        if name.startswith("wagtailsnippet"):
            return name.startswith("wagtailsnippets_") and name.rsplit(":", 1)[-1] in SNIPPET_VIEWS
        if not self.in_admin or self.project_owned:
            return True
        return self.name in WAGTAIL_ADMIN_VIEWS


def _parameters(pattern) -> tuple[frozenset[str], int]:
    if isinstance(pattern, RoutePattern):
        return frozenset(pattern.converters), 0
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex
        return frozenset(regex.groupindex), regex.groups - len(regex.groupindex)
    return frozenset(), 0


def routes(
    resolver: URLResolver | None = None,
    prefix: str = "",
    namespace: str = "",
    inherited: frozenset[str] = frozenset(),
    positional: int = 0,
) -> Iterator[Route]:
    """Every URL pattern, recursively through includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        kwargs, unnamed = _parameters(entry.pattern)
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from routes(entry, route, inner, inherited | kwargs, positional + unnamed)
        elif isinstance(entry, URLPattern):
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            callback = entry.callback
            module = getattr(callback, "__module__", "") or ""
            view_class = getattr(callback, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            yield Route(route, name, module, inherited | kwargs, positional + unnamed)


# --------------------------------------------------------------------------- parameters


def _entry_ids() -> list[int]:
    """Register entries: what every project view with a ``page_id`` works on."""
    from prozesse.models import RegisterEntryPage

    return list(RegisterEntryPage.objects.order_by("path").values_list("pk", flat=True))


def _pages_with_children() -> list[int]:
    return list(
        Page.objects.filter(numchild__gt=0, depth__gt=1)
        .order_by("path")
        .values_list("pk", flat=True)
    )


def _model_from_name(name: str) -> type[models.Model]:
    """``wagtailsnippets_prozesse_person:edit``."""
    match = re.match(r"wagtailsnippet(?:s|choosers)_([a-z0-9]+)_([a-z0-9]+):", name)
    if match is None:
        raise LookupError(name)
    return apps.get_model(match.group(1), match.group(2))


def _pks_of_named_model(name: str) -> list[str]:
    model = _model_from_name(name)
    return [str(pk) for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)]


def _model_pks(label: str) -> Callable[[str], list[dict]]:
    def provide(name: str) -> list[dict]:
        pks = apps.get_model(label)._default_manager.order_by("pk").values_list("pk", flat=True)
        return [{"pk": pk} for pk in pks]

    return provide


def _password_restrictions(name: str) -> list[dict]:
    return [
        {"page_view_restriction_id": r.pk, "page_id": r.page_id}
        for r in PageViewRestriction.objects.filter(
            restriction_type=PageViewRestriction.PASSWORD
        ).order_by("pk")
    ]


def _collection_restrictions(name: str) -> list[dict]:
    from wagtail.models import CollectionViewRestriction

    return [
        {"restriction_id": pk}
        for pk in CollectionViewRestriction.objects.order_by("pk").values_list("pk", flat=True)
    ]


def _law_slugs(name: str) -> list[dict]:
    from prozesse.models import Law

    return [{"slug": slug} for slug in Law.objects.order_by("pk").values_list("slug", flat=True)]


def _law_paragraphs(name: str) -> list[dict]:
    from prozesse.models import LawParagraph

    return [
        {"slug": slug, "anchor": anchor}
        for slug, anchor in LawParagraph.objects.order_by("pk").values_list("law__slug", "anchor")
    ]


def _documents(name: str) -> list[dict]:
    return [
        {"document_id": pk}
        for pk in get_document_model().objects.order_by("pk").values_list("pk", flat=True)
    ]


#: Detail endpoints of the read API (``api_v1:<type>_detail``) → the page model they show.
API_DETAIL_MODELS = {
    "process": "prozesse.ProcessPage",
    "scenario": "prozesse.EmergencyScenarioPage",
    "decision": "prozesse.DecisionPage",
    "article": "prozesse.ArticlePage",
    "town": "prozesse.MunicipalityPage",
    "department": "prozesse.DepartmentPage",
}


def _api_detail_pages(name: str) -> list[dict]:
    """Every page of the endpoint's type, live or not, visible or not."""
    kind = name.removeprefix("api_v1:").removesuffix("_detail")
    pks = apps.get_model(API_DETAIL_MODELS[kind]).objects.order_by("path").values_list("pk")
    return [{"page_id": pk} for (pk,) in pks]


def _town_ids(name: str) -> list[dict]:
    from prozesse.models import MunicipalityPage

    return [
        {"town_id": pk}
        for pk in MunicipalityPage.objects.order_by("pk").values_list("pk", flat=True)
    ]


def _workflows(name: str) -> list[dict]:
    return [{"pk": pk} for pk in Workflow.objects.order_by("pk").values_list("pk", flat=True)]


#: (URL name pattern, parameter names, provider of parameter dicts). The first rule whose name
#: pattern matches and whose parameters equal the pattern's is used. Add a rule when a new
#: view takes a parameter none of these know – the leak test fails until you do.
PARAMETERS: list[tuple[str, frozenset[str], Callable[[str], list[dict]]]] = [
    (r"^wagtailadmin_explore(_results)?$", frozenset({"parent_page_id"}),
     lambda name: [{"parent_page_id": pk} for pk in _pages_with_children()]),
    (r"^wagtailadmin_choose_page_child$", frozenset({"parent_page_id"}),
     lambda name: [{"parent_page_id": pk} for pk in _pages_with_children()]),
    (r"^api_v1:\w+_detail$", frozenset({"page_id"}), _api_detail_pages),
    (r".", frozenset({"page_id"}), lambda name: [{"page_id": pk} for pk in _entry_ids()]),
    (r"^wissen:person$", frozenset({"pk"}), _model_pks("prozesse.Person")),
    (r"^knowledge_handovers:", frozenset({"pk"}), _model_pks("knowledge.Handover")),
    (r"^knowledge_adoptions:", frozenset({"pk"}), _model_pks("knowledge.Adoption")),
    (r"^knowledge_reading:", frozenset({"pk"}), _model_pks("knowledge.ReadCampaign")),
    (r"^wissen:read_confirm$", frozenset({"campaign_id"}),
     lambda name: [{"campaign_id": r["pk"]} for r in _model_pks("knowledge.ReadCampaign")(name)]),
    (r"^wagtailsnippet(s|choosers)_", frozenset({"pk"}),
     lambda name: [{"pk": pk} for pk in _pks_of_named_model(name)]),
    (r"^wagtailadmin_workflows:usage$", frozenset({"pk"}), _workflows),
    (r"^wagtailusers_api_tokens:", frozenset({"pk"}), _model_pks("wagtailcore.APIToken")),
    (r"^wagtailcore_authenticate_with_password$",
     frozenset({"page_view_restriction_id", "page_id"}), _password_restrictions),
    (r"^wagtaildocs_authenticate_with_password$", frozenset({"restriction_id"}),
     _collection_restrictions),
    (r"^wagtaildocs:document_usage$", frozenset({"document_id"}), _documents),
    (r"^law_detail$", frozenset({"slug"}), _law_slugs),
    (r"^continuity_bia:", frozenset({"town_id"}), _town_ids),
    # Starting a sign-in at each configured identity provider (it only redirects there).
    (r"^directory_oidc_start$", frozenset({"key"}),
     lambda name: [{"key": key} for key in settings.DIRECTORY_OIDC]),
    (r"^law_paragraph$", frozenset({"slug", "anchor"}), _law_paragraphs),
    # Emergency readiness: released handbooks of every town, every town's handbook and kit.
    (r"^readiness", frozenset({"release_id"}),
     lambda name: [{"release_id": r["pk"]} for r in _model_pks("readiness.HandbookRelease")(name)]),
    (r"^readiness", frozenset({"town_id"}),
     lambda name: [{"town_id": r["pk"]} for r in _model_pks("prozesse.MunicipalityPage")(name)]),
    (r"^readiness:releases$", frozenset({"town_slug"}),
     lambda name: [{"town_slug": slug} for slug in apps.get_model("prozesse.MunicipalityPage")
                   .objects.order_by("pk").values_list("slug", flat=True)]),
    (r"^search_export$", frozenset({"export_format"}),
     lambda name: [{"export_format": "csv"}, {"export_format": "xlsx"}]),
    # Every stored file at its own URL (the same list media_files() adds as targets).
    (r"^media$", frozenset({"path"}),
     lambda name: [{"path": url.removeprefix(settings.MEDIA_URL)} for url, _ in media_files()]),
]  # fmt: skip

#: Sub-routes of routable pages that take parameters: (page class, route name) →
#: (parameter names, list of parameter dicts).
SUBROUTE_PARAMETERS: dict[tuple[str, str], tuple[tuple[str, ...], list[dict]]] = {
    ("RegisterPage", "export"): (
        ("export_format",),
        [{"export_format": "csv"}, {"export_format": "xlsx"}],
    ),
}

#: Patterns with unnamed (positional) groups: URL name → provider of argument lists.
POSITIONAL: dict[str, Callable[[], list[list[str]]]] = {
    "wagtaildocs_serve": lambda: [
        [str(document.pk), document.filename]
        for document in get_document_model().objects.order_by("pk")
    ],
}


def _owners() -> list[dict]:
    from prozesse.models import RegisterEntryPage

    owners = RegisterEntryPage.objects.exclude(content_owner=None).values_list("content_owner")
    return [{"person": pk} for pk in sorted({pk for (pk,) in owners})]


def _responsible_people() -> list[int]:
    """People the committee filter offers (responsible for a decision or one of its tasks)."""
    from prozesse.models import DecisionPage, DecisionTask

    people = set(
        DecisionPage.objects.exclude(responsible_person=None).values_list(
            "responsible_person", flat=True
        )
    )
    people |= set(
        DecisionTask.objects.exclude(responsible=None).values_list("responsible", flat=True)
    )
    return sorted(people)


#: Query strings (beyond none) for views that read query parameters: URL name → provider.
QUERIES: dict[str, Callable[[object], list[dict]]] = {
    # Every marked page contains the common probe word; titles start their probe word with
    # the common prefix (autocomplete).
    "search": lambda world: [{"q": COMMON_PROBE}],
    "search_api": lambda world: [{"q": COMMON_PROBE}],
    "search_export": lambda world: [{"q": COMMON_PROBE}],
    "search_suggest_api": lambda world: [{"q": PROBE_PREFIX}],
    # "Warum dieser Treffer?" for every register entry (page_id rule above) with a query.
    "search_explain": lambda world: [{"q": COMMON_PROBE}],
    # Every item on one page of each read-API listing; the register listing by type and town.
    **{
        f"api_v1:{kind}_list": lambda world: [{"page_size": 200}]
        for kind in ("process", "scenario", "decision", "article", "town", "department")
    },
    "api_v1:entry_list": lambda world: [
        {"page_size": 200},
        {"type": "prozess", "town": "vg-talheim", "page_size": 200},
    ],
    "wissen:experts": lambda world: [{"thema": COMMON_PROBE}],
    "knowledge_dashboard:index": lambda world: [{"format": "csv"}],
    "knowledge_reading:export": lambda world: [{"format": "csv"}, {"format": "xlsx"}],
    "prozesse_register:index": lambda world: [
        {"export": "csv"},
        {"export": "xlsx"},
        {"q": COMMON_PROBE},
    ],
    "wagtailadmin_pages:search": lambda world: [{"q": COMMON_PROBE}],
    "wagtailadmin_pages:search_results": lambda world: [{"q": COMMON_PROBE}],
    "wagtailadmin_choose_page_search": lambda world: [{"q": COMMON_PROBE}],
    "wagtailadmin_api:pages:listing": lambda world: [{"search": COMMON_PROBE}],
    "knowledge_handovers:add": lambda world: _owners(),
}
#: Query strings for pages of a type (the register's tag filter).
PAGE_QUERIES: dict[str, Callable[[object], list[dict]]] = {
    "registerpage": lambda world: [{"schlagwort": COMMON_PROBE}, {"seite": "2"}],
    "committeesectionpage": lambda world: [
        {"erledigt": "2"},
        {"ueberfaellig": "ja"},
        {"status": "in_umsetzung"},
        *[{"verantwortlich": pk} for pk in _responsible_people()],
        {"verantwortlich": "abc"},  # invalid: the page answers 400 and lists everything
    ],
}


# ------------------------------------------------------------------------------ targets


@dataclass(frozen=True)
class Target:
    url: str
    #: What it was derived from: a URL name, "page", "subroute:<name>" or "media".
    source: str


@dataclass
class Enumeration:
    targets: list[Target]
    #: Patterns the test cannot fill in (a new view needs a rule in PARAMETERS).
    problems: list[str]
    #: Wagtail's own admin URL names left out on purpose.
    skipped: list[str]


def _with_queries(url: str, queries: list[dict]) -> list[str]:
    return [url] + [f"{url}?{urlencode(query)}" for query in queries]


def _route_targets(route: Route, world) -> tuple[list[Target], list[str]]:
    if route.name is None:
        return [], [f"{route.route}: no URL name, cannot be reversed (name it)"]
    if route.positional:
        if route.kwargs or route.name not in POSITIONAL:
            return [], [f"{route.route} ({route.name}): positional parameters without a rule"]
        urls = [reverse(route.name, args=args) for args in POSITIONAL[route.name]()]
    elif not route.kwargs:
        urls = [reverse(route.name)]
    else:
        for pattern, names, provide in PARAMETERS:
            if names == route.kwargs and re.search(pattern, route.name):
                urls = [reverse(route.name, kwargs=kwargs) for kwargs in provide(route.name)]
                break
        else:
            wanted = ", ".join(sorted(route.kwargs))
            return [], [f"{route.route} ({route.name}): no rule fills the parameters {wanted}"]
    queries = QUERIES.get(route.name, lambda world: [])(world)
    return [Target(url, route.name) for base in urls for url in _with_queries(base, queries)], []


def _page_targets(world) -> tuple[list[Target], list[str]]:
    targets, problems = [], []
    for page in Page.objects.filter(depth__gt=1).order_by("path").specific():
        url = page.get_url()
        if not url:
            continue
        queries = PAGE_QUERIES.get(page.specific_class._meta.model_name, lambda world: [])(world)
        targets += [Target(u, "page") for u in _with_queries(url, queries)]
        if not isinstance(page, RoutablePageMixin):
            continue
        for pattern in page.get_subpage_urls():
            if pattern.name is None:
                problems.append(f"{type(page).__name__}: a sub-route without a name")
                continue
            kwargs, positional = _parameters(pattern.pattern)
            rule = SUBROUTE_PARAMETERS.get((type(page).__name__, pattern.name))
            if positional or (kwargs and (rule is None or set(rule[0]) != kwargs)):
                problems.append(
                    f"{type(page).__name__} sub-route {pattern.name}: parameters without a rule"
                )
                continue
            for values in rule[1] if kwargs else [{}]:
                sub = page.reverse_subpage(pattern.name, kwargs=values or None)
                if sub:
                    targets.append(Target(url + sub, f"subroute:{pattern.name}"))
    return targets, problems


def media_files() -> list[tuple[str, str]]:
    """(URL, model label) of every file a model stores under MEDIA (BPMN uploads, documents …).
    Files kept outside MEDIA_ROOT (released handbooks, ``readiness.storage``) have no media URL;
    their own views are enumerated like every other view."""
    found = []
    media_root = str(settings.MEDIA_ROOT)
    for model in apps.get_models():
        file_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.FileField)
            and str(getattr(f.storage, "location", media_root)).startswith(media_root)
        ]
        if not file_fields or model._meta.proxy:
            continue
        for field in file_fields:
            names = (
                model._default_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .values_list(field.name, flat=True)
                .distinct()
            )
            found += [(field.storage.url(name), model._meta.label) for name in names]
    return sorted(set(found))


def enumerate_targets(world) -> Enumeration:
    targets, problems, skipped = [], [], []
    for route in routes():
        if route.name == PAGE_SERVE:
            continue
        if not route.read():
            skipped.append(route.name or route.route)
            continue
        found, issues = _route_targets(route, world)
        targets += found
        problems += issues
    found, issues = _page_targets(world)
    targets += found
    problems += issues
    targets += [Target(url, "media") for url, _label in media_files()]
    unique = list(dict.fromkeys(targets))
    return Enumeration(unique, problems, skipped)
