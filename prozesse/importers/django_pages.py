"""Creating many pages under one parent quickly (the BPMN and OParl imports).

Wagtail's usual way – ``add_child`` + ``save_revision`` + ``publish`` per page – costs 70 to 80
queries and several search-index writes per page: about 50 ms, or twelve minutes for the 14,004
Karlsruhe papers. :class:`PageWriter` keeps what makes a page a proper Wagtail page and does
the rest in bulk, per chunk and in one transaction:

* tree position: the parent row is locked, paths are numbered on from its last child, the
  parent's ``numchild`` is updated once;
* one ``save()`` per page (its table rows, ``url_path``); with ``derive`` the page's derived
  fields (register key, BPMN outline and SVG, review date) are computed first, as a draft
  save in the admin would;
* with ``revisions`` one revision per page by the acting user (``bulk_create``), as
  ``save_revision(user=…)`` would leave it; without, the page keeps its content in its own
  row, as pages made by ``add_child`` do, and the first edit in the admin creates the first
  revision;
* the audit log (``wagtail.create``, and ``wagtail.publish`` when publishing) in one
  ``bulk_create`` with the acting user, so the history says who imported and who published;
* search indexing is left to the caller (``search.indexing.deferred_indexing``).

Pages published this way send no ``page_published`` signal: nothing was reviewed or approved,
so nothing that listens for approvals should count them.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision


class PageWriter:
    def __init__(
        self, parent: Page, user, *, publish: bool, derive: bool = True, revisions: bool = True
    ) -> None:
        self.parent = parent
        self.user = user
        self.publish = publish
        self.derive = derive
        self.revisions = revisions

    def create(self, pages: list[Page]) -> list[tuple[Page, ValidationError]]:
        """Insert ``pages`` (unsaved, specific, with title and slug) as the last children of
        the parent, as drafts or (``publish``) live. Slugs taken among the siblings get a
        counter. Returns the pages whose derived fields could not be computed (not saved)."""
        failed: list[tuple[Page, ValidationError]] = []
        if not pages:
            return failed
        with transaction.atomic():
            parent = Page.objects.select_for_update().get(pk=self.parent.pk)
            depth = parent.depth + 1
            siblings = Page.objects.filter(path__startswith=parent.path, depth=depth)
            last_path = siblings.order_by("-path").values_list("path", flat=True).first()
            step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
            used_slugs = set(
                siblings.filter(slug__in=[page.slug for page in pages]).values_list(
                    "slug", flat=True
                )
            )
            now = timezone.now()
            saved: list[Page] = []
            for page in pages:
                step += 1
                page.path = Page._get_path(parent.path, depth, step)
                page.depth = depth
                page.numchild = 0
                page._cached_parent_obj = parent
                page.locale_id = parent.locale_id
                page.slug = self._free_slug(page.slug, used_slugs, siblings)
                page.draft_title = page.title
                page.owner = self.user
                page.live = self.publish
                page.has_unpublished_changes = not self.publish
                if self.publish:
                    page.first_published_at = page.last_published_at = now
                if self.derive:
                    try:
                        page.derive_fields()
                    except ValidationError as error:
                        failed.append((page, error))
                        continue
                page.save(clean=False, log_action=None)
                saved.append(page)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(saved))
            revisions = self._revisions(saved, now) if self.revisions else {}
            actions = ["wagtail.create", *(["wagtail.publish"] if self.publish else [])]
            self.log(saved, actions, now, revisions)
        return failed

    @staticmethod
    def _free_slug(slug: str, used: set[str], siblings) -> str:
        candidate, counter = slug, 1
        while candidate in used or (counter > 1 and siblings.filter(slug=candidate).exists()):
            counter += 1
            candidate = f"{slug}-{counter}"
        used.add(candidate)
        return candidate

    def _revisions(self, pages: list[Page], now) -> dict[int, int]:
        """One revision per page (content as ``save_revision`` stores it); returns page pk →
        revision pk and points the pages at them."""
        base_type = ContentType.objects.get_for_model(Page)
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=ContentType.objects.get_for_model(page),
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=now,
                user=self.user,
                object_str=str(page)[:255],
                content=page.serializable_data(),
            )
            for page in pages
        )
        updates = []
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = revision.pk
            page.latest_revision_created_at = now
            if self.publish:
                page.live_revision_id = revision.pk
            updates.append(
                Page(
                    pk=page.pk,
                    latest_revision_id=revision.pk,
                    latest_revision_created_at=now,
                    live_revision_id=page.live_revision_id,
                )
            )
        Page.objects.bulk_update(
            updates, ["latest_revision", "latest_revision_created_at", "live_revision"]
        )
        return {page.pk: revision.pk for page, revision in zip(pages, revisions, strict=True)}

    def log(self, pages: list[Page], actions: list[str], timestamp=None, revisions=None) -> None:
        """Audit-log entries for ``pages`` in one query, by the acting user."""
        timestamp = timestamp or timezone.now()
        revisions = revisions or {}
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                label=page.get_admin_display_title(),
                action=action,
                timestamp=timestamp,
                data={},
                user=self.user,
                page_id=page.pk,
                revision_id=revisions.get(page.pk),
                content_changed=action != "wagtail.publish",
            )
            for page in pages
            for action in actions
        )
