"""The pages roles hang on: finding and creating municipalities, departments and the
committee section, and the slugs and codes of new ones.

Provisioning publishes the pages it creates or renames itself; ``provisioning_publishes``
tells the rename receiver (``prozesse.roles.renames``) to stay out of the way meanwhile.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from wagtail.models import Page, Site

from prozesse.models import CommitteeSectionPage, DepartmentPage, MunicipalityPage
from prozesse.roles.report import ProvisioningError, Report
from prozesse.validators import validate_ags, validate_code

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slug(text: str) -> str:
    """A URL slug that spells umlauts out ("Bürgerbüro" → "buergerbuero")."""
    return slugify(text.translate(_UMLAUTS))[:80].strip("-") or "fachbereich"


def derive_code(title: str, taken: Iterable[str] = ()) -> str:
    """A department code (2–8 capitals or digits) from its title, unique among ``taken``."""
    words = re.findall(r"[A-Z0-9]+", title.translate(_UMLAUTS).upper())
    if len(words) >= 2:
        base = "".join(word[0] for word in words)[:4]
    else:
        base = (words[0] if words else "FB")[:3]
    base = base.ljust(2, "X")
    taken = {code.upper() for code in taken}
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[:6]}{number}"
        number += 1
    return candidate


def home_page() -> Page:
    """The page under which municipalities and committee sections live."""
    # By name, not import: home is an app above the domain (docs/architecture.md).
    home = apps.get_model("home", "HomePage").objects.first()
    if home is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise ProvisioningError("Es gibt keine Startseite, unter der eingerichtet wird.")
        return site.root_page.specific
    return home


def find_municipality(reference: str) -> MunicipalityPage:
    """A municipality by code, AGS, slug or title (case-insensitive)."""
    reference = reference.strip()
    matches = list(
        MunicipalityPage.objects.filter(
            Q(code__iexact=reference)
            | Q(ags=reference)
            | Q(slug=reference)
            | Q(slug=german_slug(reference))
            | Q(title__iexact=reference)
        ).distinct()
    )
    if not matches:
        raise ProvisioningError(
            f"Keine Kommune „{reference}“ gefunden (gesucht nach Kürzel, AGS, Slug und Titel)."
        )
    if len(matches) > 1:
        names = ", ".join(f"{m.title} ({m.code})" for m in matches)
        raise ProvisioningError(f"„{reference}“ ist nicht eindeutig: {names}.")
    return matches[0]


def municipality_of(page: Page) -> MunicipalityPage | None:
    """The municipality ``page`` lies in, if any."""
    return MunicipalityPage.objects.ancestor_of(page).first()


#: Set while provisioning publishes pages itself, so the rename receiver stays out of the way.
_provisioning = ContextVar("prozesse_provisioning", default=False)


def provisioning_publishes() -> bool:
    """Whether the page being published is published by provisioning itself."""
    return _provisioning.get()


def _publish(page: Page) -> None:
    token = _provisioning.set(True)
    try:
        page.save_revision(log_action=True).publish()
    finally:
        _provisioning.reset(token)


def error_text(error: ValidationError) -> str:
    """A validation error as one line for the administrator."""
    return " ".join(str(message) for message in error.messages)


def ensure_municipality_page(
    reference: str,
    *,
    ags: str | None = None,
    code: str | None = None,
    kind: str | None = None,
    report: Report | None = None,
) -> MunicipalityPage:
    """The municipality ``reference`` names (code, AGS, slug or title; see
    ``find_municipality``), or a new one called ``reference`` when AGS and code are given.
    Existing municipalities are not changed (rename them in the admin)."""
    report = report if report is not None else Report()
    title = reference.strip()
    for candidate in filter(None, (code, ags, title)):
        try:
            return find_municipality(candidate)
        except ProvisioningError:
            continue
    if not (ags and code):
        raise ProvisioningError(
            f"Keine Kommune „{title}“ gefunden. Zum Anlegen --ags und --code angeben."
        )
    code = code.strip().upper()
    try:
        validate_ags(ags)
        validate_code(code)
    except ValidationError as error:
        raise ProvisioningError(error_text(error)) from error
    if MunicipalityPage.objects.filter(Q(ags=ags) | Q(code=code)).exists():
        raise ProvisioningError(f"AGS {ags} oder Kürzel {code} gehört schon einer anderen Kommune.")
    municipality = MunicipalityPage(title=title, slug=german_slug(title), ags=ags, code=code)
    if kind:
        municipality.kind = kind
    home_page().add_child(instance=municipality)
    _publish(municipality)
    report.note(f"Kommune angelegt: {title} ({municipality.code}, AGS {ags})")
    return municipality


def ensure_department_page(
    municipality: MunicipalityPage,
    title: str,
    *,
    code: str | None = None,
    report: Report | None = None,
) -> DepartmentPage:
    """Find the department in the municipality by its code (without a code: by title or
    slug); create it if missing, rename it if the title differs (groups and workflow stay
    attached)."""
    report = report if report is not None else Report()
    title = title.strip()
    if not title:
        raise ProvisioningError("Der Name des Fachbereichs fehlt.")
    if code:
        code = code.strip().upper()
        try:
            validate_code(code)
        except ValidationError as error:
            raise ProvisioningError(error_text(error)) from error
    siblings = DepartmentPage.objects.child_of(municipality)
    by_title = (
        siblings.filter(title__iexact=title).first()
        or siblings.filter(slug=german_slug(title)).first()
    )
    if code:
        # The code identifies the department: found by code it is renamed, never re-coded.
        department = siblings.filter(code=code).first()
        if department is None and by_title is not None:
            raise ProvisioningError(
                f"„{by_title.title}“ in {municipality.title} hat das Kürzel {by_title.code}, "
                f"nicht {code}. Ein Kürzel ändert man auf der Seite des Fachbereichs im Admin."
            )
    else:
        department = by_title
    if department is None:
        code = code or derive_code(title, siblings.values_list("code", flat=True))
        department = DepartmentPage(title=title, slug=german_slug(title), code=code)
        slug, number = department.slug, 2
        while Page.objects.child_of(municipality).filter(slug=department.slug).exists():
            department.slug = f"{slug}-{number}"
            number += 1
        municipality.add_child(instance=department)
        _publish(department)
        report.note(f"Fachbereich angelegt: {municipality.title} – {title} ({code})")
        return department
    if department.title != title:
        report.note(f"Fachbereich umbenannt ({municipality.title}): {department.title} → {title}")
        department.title = department.draft_title = title
        _publish(department)
    return department


def ensure_committee_section(
    title: str | None = None, *, report: Report | None = None
) -> CommitteeSectionPage:
    """The committee section called ``title``, or the only one; created under the home page."""
    report = report if report is not None else Report()
    sections = CommitteeSectionPage.objects.all()
    if title:
        section = (
            sections.filter(title__iexact=title).first()
            or sections.filter(slug=german_slug(title)).first()
        )
    else:
        section = sections.first() if sections.count() == 1 else None
        if section is None and sections.exists():
            raise ProvisioningError("Es gibt mehrere Gremien; bitte den Titel angeben.")
        title = "Lenkungskreis"
    if section is None:
        section = CommitteeSectionPage(title=title, slug=german_slug(title))
        home_page().add_child(instance=section)
        _publish(section)
        report.note(f"Gremium angelegt: {title}")
    return section
