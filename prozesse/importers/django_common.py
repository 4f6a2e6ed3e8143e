"""What every import command needs on the Django side: the acting user, the target section,
permissions, drafts versus publication, and search indexing in bulk.

The pure readers (``bpmn``, ``xprozess``, ``oparl``, ``laws``) know nothing of Django; the
``django_*`` modules map their output onto pages and snippets with the helpers here.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

INDEX_CHUNK_SIZE = 500


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
    from prozesse.models import DepartmentPage, MunicipalityPage

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
    from prozesse.models.inbox import INBOX_SLUG, INBOX_TITLE, ImportInboxPage

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


# --------------------------------------------------------------------------- search index


class DeferredIndex:
    """Objects saved while indexing is deferred, by model; ``flush`` indexes them in bulk."""

    def __init__(self) -> None:
        self.saved: dict[type, set[int]] = defaultdict(set)

    def collect(self, sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            self.saved[sender].add(instance.pk)

    def flush(self) -> int:
        count = 0
        while self.saved:
            model, pks = self.saved.popitem()
            count += index_objects(model, pks)
        return count


@contextmanager
def deferred_search_index(*models) -> Iterator[DeferredIndex]:
    """Index saved objects of ``models`` in bulk instead of one by one on save.

    Wagtail indexes every save of an indexed model immediately (one request per backend and
    save; a page publish saves about three times). Inside this block those saves are only
    collected; ``flush()`` (called by the caller between chunks, and always on leaving the
    block, also after an error, for what was committed) sends them to every auto-updating
    backend in chunks (``add_bulk``) and refreshes the indexes.
    """
    from modelsearch.signal_handlers import post_save_signal_handler

    deferred = DeferredIndex()
    disconnected = []
    for model in models:
        if post_save.disconnect(post_save_signal_handler, sender=model):
            disconnected.append(model)
        post_save.connect(
            deferred.collect, sender=model, weak=False, dispatch_uid=("deferred", model)
        )
    try:
        yield deferred
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid=("deferred", model))
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
        deferred.flush()


def index_objects(model, pks: Iterable[int], chunk_size: int = INDEX_CHUNK_SIZE) -> int:
    """Send the objects ``pks`` of ``model`` (those that still exist) to every auto-updating
    search backend in bulk; return how many were indexed."""
    from modelsearch.backends import get_search_backends_with_name

    pks = sorted(set(pks))
    backends = list(get_search_backends_with_name(with_auto_update=True))
    count = 0
    for start in range(0, len(pks), chunk_size):
        objects = list(model.get_indexed_objects().filter(pk__in=pks[start : start + chunk_size]))
        count += len(objects)
        for name, backend in backends:
            try:
                backend.add_bulk(model, objects)
            except Exception:
                logger.exception("Bulk indexing %s into backend %r failed", model.__name__, name)
                if not backend.catch_indexing_errors:
                    raise
    if pks:
        for name, backend in backends:
            try:
                backend.get_index_for_model(model).refresh()
            except Exception:
                logger.exception("Refreshing the %s index of backend %r failed", model, name)
                if not backend.catch_indexing_errors:
                    raise
    return count
