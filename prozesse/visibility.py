"""The one visibility rule: which pages a reader may see, anywhere in the intranet.

A page restricted with Wagtail's view restrictions (``PageViewRestriction``: a shared password
or named groups; restrictions on an ancestor count for the whole subtree) is *absent* for a
reader who may not view it: not in listings, counts, tables, exports, PDFs, mails, feeds, API
answers or served files. Every one of those goes through this module, so the rule lives in one
place:

- :func:`visibility_for` (a user, optionally the session that remembers entered passwords) and
  :func:`visibility_of` (a request, computed once per request) answer with a
  :class:`Visibility`;
- :meth:`Visibility.apply` filters a page queryset (database or search backend: ``path`` is a
  filter field of every indexed page), :meth:`Visibility.q` gives the condition for a relation
  (``q("process__")``), :meth:`Visibility.allows` / :meth:`Visibility.keep` check pages already
  loaded.

"Login" restrictions are passed by everyone who can use the intranet at all (the whole site
requires a login). A superuser sees everything. In the admin (``for_admin=True``) a restriction
is also passed where the user holds page permissions (editors and reviewers work on their
department's restricted pages) — the public site keeps Wagtail's rule as it is.

The rule costs two or three queries per request whatever the size of the tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import GroupPagePermission, Page, PageViewRestriction

#: Where the request caches its visibility (public and admin flavour).
_REQUEST_CACHE = "_prozesse_visibility"


@dataclass(frozen=True)
class Visibility:
    """Tree paths a reader may not see (with their subtrees), and exceptions inside them."""

    #: Paths of restricted pages the reader does not pass; their descendants are hidden too.
    hidden_paths: tuple[str, ...] = ()
    #: Paths inside hidden subtrees that stay visible (admin: where the user has page rights).
    allowed_paths: tuple[str, ...] = ()

    @property
    def restricts(self) -> bool:
        return bool(self.hidden_paths)

    def allows_path(self, path: str) -> bool:
        for hidden in self.hidden_paths:
            if path.startswith(hidden) and not any(
                path.startswith(allowed) for allowed in self._exceptions(hidden)
            ):
                return False
        return True

    def allows(self, page: Page | None) -> bool:
        """May the reader see ``page`` (a live page is assumed; ``None`` is never visible)?"""
        return page is not None and self.allows_path(page.path)

    def keep(self, pages: Iterable) -> list:
        """The pages of ``pages`` the reader may see, in their order."""
        return [page for page in pages if self.allows(page)]

    def q(self, prefix: str = "") -> Q:
        """Condition on the ``path`` of a page reached through ``prefix`` (e.g. ``"process__"``)."""
        condition = Q()
        for hidden in self.hidden_paths:
            inside = Q(**{f"{prefix}path__startswith": hidden})
            for allowed in self._exceptions(hidden):
                inside &= ~Q(**{f"{prefix}path__startswith": allowed})
            condition &= ~inside
        return condition

    def apply(self, queryset: QuerySet, prefix: str = "") -> QuerySet:
        """Filter a page queryset (or one reaching pages through ``prefix``).

        Search querysets accept only plain ``exclude(path__startswith=…)`` filters, so without
        exceptions (the public site) the filter is written that way."""
        if not self.hidden_paths:
            return queryset
        if not self.allowed_paths:
            for hidden in self.hidden_paths:
                queryset = queryset.exclude(**{f"{prefix}path__startswith": hidden})
            return queryset
        return queryset.filter(self.q(prefix))

    def _exceptions(self, hidden: str) -> tuple[str, ...]:
        return tuple(path for path in self.allowed_paths if path.startswith(hidden))


EVERYTHING = Visibility()


def _minimal(paths: Iterable[str]) -> tuple[str, ...]:
    """Drop paths inside other paths of the set: fewer filter clauses, same meaning."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(other) for other in kept):
            kept.append(path)
    return tuple(kept)


def _permission_paths(user) -> list[str]:
    """Tree paths where the user's groups hold page permissions (any kind)."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        GroupPagePermission.objects.filter(group__user=user)
        .values_list("page__path", flat=True)
        .distinct()
    )


def _hidden_paths(restrictions, group_ids: set[int], passed: set[int]) -> list[str]:
    """Paths of the restrictions a reader in ``group_ids`` who passed the password
    restrictions ``passed`` does not pass."""
    hidden = []
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            if group_ids & {group.pk for group in restriction.groups.all()}:
                continue
        elif (
            restriction.restriction_type == PageViewRestriction.PASSWORD
            and restriction.pk in passed
        ):
            continue
        hidden.append(restriction.page.path)
    return hidden


def visibility_for_groups(group_ids: Iterable[int]) -> Visibility:
    """What a signed-in reader who is in exactly ``group_ids`` (and has entered no password)
    may see on the site – e.g. "all staff of a town" for content frozen for all of them."""
    restrictions = list(
        PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.LOGIN)
        .select_related("page")
        .prefetch_related("groups")
    )
    hidden = _hidden_paths(restrictions, set(group_ids), set())
    return Visibility(_minimal(hidden)) if hidden else EVERYTHING


def visibility_for(user, session=None, *, for_admin: bool = False) -> Visibility:
    """What ``user`` may see; ``session`` holds the password restrictions they passed."""
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return EVERYTHING
    restrictions = list(
        PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.LOGIN)
        .select_related("page")
        .prefetch_related("groups")
    )
    if not restrictions:
        return EVERYTHING
    signed_in = bool(user is not None and user.is_authenticated and user.is_active)
    group_ids = set(user.groups.values_list("pk", flat=True)) if signed_in else set()
    passed = set((session or {}).get(PageViewRestriction.passed_view_restrictions_session_key, []))
    hidden = _hidden_paths(restrictions, group_ids, passed)
    if not hidden:
        return EVERYTHING
    allowed: tuple[str, ...] = ()
    if for_admin and signed_in:
        rights = _minimal(_permission_paths(user))
        # Rights on an ancestor of a restricted page pass the restriction altogether.
        hidden = [path for path in hidden if not any(path.startswith(r) for r in rights)]
        allowed = tuple(r for r in rights if any(r.startswith(path) for path in hidden))
    return Visibility(_minimal(hidden), allowed)


def visibility_of(request, *, for_admin: bool = False) -> Visibility:
    """The visibility of the request's user, computed once per request."""
    cache = request.__dict__.setdefault(_REQUEST_CACHE, {})
    if for_admin not in cache:
        cache[for_admin] = visibility_for(
            getattr(request, "user", None),
            getattr(request, "session", None),
            for_admin=for_admin,
        )
    return cache[for_admin]


def visible(request, queryset: QuerySet, prefix: str = "") -> QuerySet:
    """``queryset`` reduced to what the request's reader may see on the public site."""
    return visibility_of(request).apply(queryset, prefix)


def may_view(request, page: Page | None) -> bool:
    """May the request's reader see ``page``, a live page, on the public site?"""
    return page is not None and page.live and visibility_of(request).allows(page)


def copy_view_restrictions(source: Page, target: Page) -> list[PageViewRestriction]:
    """Give ``target`` the view restrictions that keep readers out of ``source`` (its own and
    those inherited from its ancestors), so a copy is never more visible than its original."""

    def signature(restriction) -> tuple:
        groups = frozenset(restriction.groups.values_list("pk", flat=True))
        return restriction.restriction_type, restriction.password, groups

    present = {signature(r) for r in PageViewRestriction.objects.filter(page=target)}
    made = []
    for restriction in source.get_view_restrictions().exclude(
        restriction_type=PageViewRestriction.LOGIN
    ):
        if signature(restriction) in present:  # Wagtail's copy took the page's own along
            continue
        copied = PageViewRestriction.objects.create(
            page=target,
            restriction_type=restriction.restriction_type,
            password=restriction.password,
        )
        copied.groups.set(restriction.groups.all())
        made.append(copied)
    return made


def admin_visible(request, queryset: QuerySet, prefix: str = "") -> QuerySet:
    """``queryset`` reduced to what the request's user may see in the admin: live pages they may
    see (restrictions on pages they hold rights on count as passed), and drafts only where they
    hold page rights — another town's unpublished work is not theirs to see."""
    user = request.user
    queryset = visibility_of(request, for_admin=True).apply(queryset, prefix)
    if user.is_superuser:
        return queryset
    rights = Q()
    for path in _minimal(_permission_paths(user)):
        rights |= Q(**{f"{prefix}path__startswith": path})
    return queryset.filter(Q(**{f"{prefix}live": True}) | rights)
