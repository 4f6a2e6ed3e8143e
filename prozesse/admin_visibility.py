"""The visibility rule for admin screens built as snippet viewsets: listings show only objects
tied to pages the user may see, and the views of one object (edit, delete, inspect, history,
usage) answer "not found" for any other.

A viewset subclasses :class:`VisibleSnippetViewSet` and defines ``visible(request) -> QuerySet``;
``visible_tags`` and ``objects_on_visible_pages`` are the two rules the project needs (tags of
register entries; records attached to a page).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404
from taggit.models import Tag
from wagtail.models import Page
from wagtail.snippets.views import snippets

from prozesse.models import RegisterEntryPage, RegisterEntryTag
from prozesse.towns import acts_for_all_towns
from prozesse.visibility import admin_visible

VisibleQuerySet = Callable[[object], QuerySet]


class _LimitedObjectMixin:
    visible: VisibleQuerySet

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not type(self).visible(self.request).filter(pk=obj.pk).exists():
            raise Http404
        return obj


def limited_views(visible: VisibleQuerySet) -> dict[str, type]:
    """Snippet view classes (as viewset attributes) that only reach ``visible(request)``."""
    views = {
        "edit_view_class": snippets.EditView,
        "delete_view_class": snippets.DeleteView,
        "usage_view_class": snippets.UsageView,
        "history_view_class": snippets.HistoryView,
        "inspect_view_class": snippets.InspectView,
    }
    return {
        attribute: type(
            f"Visible{view.__name__}",
            (_LimitedObjectMixin, view),
            {"visible": staticmethod(visible)},
        )
        for attribute, view in views.items()
    }


class VisibleSnippetViewSet(snippets.SnippetViewSet):
    """A snippet viewset whose listing and object views reach only ``visible(request)``."""

    def visible(self, request) -> QuerySet:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attribute, view in limited_views(self.visible).items():
            setattr(self, attribute, view)

    def get_queryset(self, request):
        return self.visible(request)


def visible_tags(request) -> QuerySet:
    """Tags used by a register entry the user may see in the admin; tags no page uses (a
    draft's, or new ones) only for those who act for all towns."""

    pages = admin_visible(request, RegisterEntryPage.objects.all())
    seen = Q(pk__in=RegisterEntryTag.objects.filter(content_object__in=pages).values("tag"))
    if acts_for_all_towns(request.user):
        seen |= ~Q(pk__in=RegisterEntryTag.objects.values("tag"))
    return Tag.objects.filter(seen)


def objects_on_visible_pages(model, field: str = "page") -> VisibleQuerySet:
    """Records whose ``field`` is a page the user may see in the admin."""

    def visible(request) -> QuerySet:
        pages = admin_visible(request, Page.objects.all())
        return model.objects.filter(**{f"{field}__in": pages})

    return visible
