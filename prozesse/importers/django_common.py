"""What every import command needs on the Django side: the acting user, the target section,
permissions, and drafts versus publication.

The pure readers (``bpmn``, ``xprozess``, ``oparl``, ``laws``) know nothing of Django; the
``django_*`` modules map their output onto pages and snippets with the helpers here. Search
indexing in bulk is ``search.indexing``'s job.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from prozesse.models import DepartmentPage, MunicipalityPage
from prozesse.models.inbox import INBOX_SLUG, INBOX_TITLE, ImportInboxPage


class ImportSetupError(Exception):
    """The import cannot start (unknown user or department, missing rights); German message."""


# --------------------------------------------------------------------------- who and where


def acting_user(username: str | None):
    """The user an import runs as: ``username``, or else the first superuser."""
    users = get_user_model().objects.filter(is_active=True)
    if username:
        user = users.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is None:
            raise ImportSetupError(
                _("Benutzer „%(name)s“ gibt es nicht (oder er ist deaktiviert).")
                % {"name": username}
            )
        return user
    user = users.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        raise ImportSetupError(
            _("Es gibt noch keinen Superuser; bitte mit --user angeben, wer importiert.")
        )
    return user


def resolve_department(spec: str):
    """A department by page id (``42``) or by slug path (``diez/buergerbuero``)."""

    spec = (spec or "").strip()
    if spec.isdigit():
        department = DepartmentPage.objects.filter(pk=int(spec)).first()
    else:
        parts = [part for part in spec.split("/") if part]
        department = None
        if len(parts) == 2:
            municipality = MunicipalityPage.objects.filter(slug=parts[0]).first()
            if municipality is not None:
                department = (
                    DepartmentPage.objects.child_of(municipality).filter(slug=parts[1]).first()
                )
    if department is None:
        raise ImportSetupError(
            _(
                "Fachbereich „%(spec)s“ nicht gefunden. Angabe als Seiten-ID (z. B. 42) oder "
                "als Pfad Kommune/Fachbereich (z. B. diez/buergerbuero)."
            )
            % {"spec": spec}
        )
    return department


def home_page() -> Page:
    """The root page of the default site (the intranet's home page)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ImportSetupError(_("Es ist keine Standard-Website eingerichtet."))
    return site.root_page.specific


def check_can_add(parent: Page, user, publish: bool) -> None:
    """Imports run with the acting user's rights in the target section."""
    permissions = parent.permissions_for_user(user)
    if not permissions.can_add_subpage():
        raise ImportSetupError(
            _("%(user)s darf unter „%(page)s“ keine Seiten anlegen.")
            % {"user": user.get_username(), "page": parent.title}
        )
    if publish and not permissions.can_publish_subpage():
        raise ImportSetupError(
            _("%(user)s darf unter „%(page)s“ nicht veröffentlichen (--publish).")
            % {"user": user.get_username(), "page": parent.title}
        )


def get_or_create_inbox(user):
    """The import inbox under the home page, created (and published) on first use."""

    inbox = ImportInboxPage.objects.first()
    if inbox is not None:
        return inbox
    home = home_page()
    if not home.permissions_for_user(user).can_add_subpage():
        raise ImportSetupError(
            _("%(user)s darf den Import-Eingang unter „%(page)s“ nicht anlegen.")
            % {"user": user.get_username(), "page": home.title}
        )
    inbox = ImportInboxPage(title=INBOX_TITLE, slug=INBOX_SLUG, owner=user)
    home.add_child(instance=inbox)
    inbox.save_revision(user=user, log_action=True).publish(user=user)
    return inbox


def save_draft_or_publish(page: Page, user, publish: bool, *, clean: bool = True) -> None:
    """A new draft revision by ``user``; with ``publish`` it goes live at once (logged).

    ``clean=False`` skips the second full validation when the page was just validated and
    saved (``add_child`` derives and checks the fields already)."""
    revision = page.save_revision(user=user, log_action=True, clean=clean)
    if publish:
        revision.publish(user=user)
