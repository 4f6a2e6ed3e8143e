"""Which register entries a user may find: live pages outside the view restrictions that keep
them out (Wagtail's PageViewRestriction: groups, shared password; "login" restrictions are met
by everyone who can use the intranet at all)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from prozesse.models import RegisterEntryPage


@dataclass(frozen=True)
class Visibility:
    #: Tree paths whose pages (and descendants) the user may not see.
    hidden_paths: tuple[str, ...] = ()

    def apply(self, queryset):
        """Filter a page queryset (database or search backend: ``path`` is a FilterField)."""
        for path in self.hidden_paths:
            queryset = queryset.exclude(path__startswith=path)
        return queryset

    def allows(self, page: Page) -> bool:
        return not any(page.path.startswith(path) for path in self.hidden_paths)

    def q(self) -> Q:
        condition = Q()
        for path in self.hidden_paths:
            condition &= ~Q(path__startswith=path)
        return condition


def visibility_for(user, session=None) -> Visibility:
    """Two queries (restrictions with groups, the user's groups), whatever the tree size."""
    restrictions = PageViewRestriction.objects.exclude(
        restriction_type=PageViewRestriction.LOGIN
    ).select_related("page")
    restrictions = list(restrictions.prefetch_related("groups"))
    if not restrictions:
        return Visibility()
    is_authenticated = bool(user and user.is_authenticated)
    user_group_ids = set(user.groups.values_list("pk", flat=True)) if is_authenticated else set()
    passed = set((session or {}).get(PageViewRestriction.passed_view_restrictions_session_key, []))
    hidden = []
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            if is_authenticated and (
                user.is_superuser or user_group_ids & {g.pk for g in restriction.groups.all()}
            ):
                continue
        elif (
            restriction.restriction_type == PageViewRestriction.PASSWORD
            and restriction.pk in passed
        ):
            continue
        hidden.append(restriction.page.path)
    # Drop paths inside other hidden paths: fewer filter clauses, same meaning.
    hidden.sort()
    minimal: list[str] = []
    for path in hidden:
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return Visibility(tuple(minimal))


def findable_entries(visibility: Visibility):
    """Live register entries the user may see: the base of every search."""
    return visibility.apply(RegisterEntryPage.objects.live())
