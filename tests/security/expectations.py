"""Who may see a page, decided from Wagtail's own data only (never from the application's
visibility code, which is what the leak test checks).

A user may see a page's content anywhere (listings, exports, files, admin) if

- they are a superuser, or
- one of their groups holds any page permission on the page or an ancestor (editors and
  reviewers work on their department's pages; knowledge managers read their town's page tree
  in the admin through "lock", since Wagtail has no read-only page permission), or
- the page is live and they pass every view restriction on the page and its ancestors:
  "login" is passed by every signed-in user, "groups" by members of one of its groups,
  "password" by nobody (the sweep never enters a password).

Anonymous visitors see nothing: the intranet requires a login.
"""

from __future__ import annotations

from wagtail.models import GroupPagePermission, Page, PageViewRestriction

PAGE_RIGHTS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def may_see(user, page: Page) -> bool:
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ancestors = Page.objects.ancestor_of(page, inclusive=True)
    group_ids = set(user.groups.values_list("pk", flat=True))
    if GroupPagePermission.objects.filter(
        group_id__in=group_ids,
        page__in=ancestors,
        permission__codename__in=PAGE_RIGHTS,
    ).exists():
        return True
    if not page.live:
        return False
    for restriction in PageViewRestriction.objects.filter(page__in=ancestors):
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return False
        if not group_ids & set(restriction.groups.values_list("pk", flat=True)):
            return False
    return True


def passes_view_restrictions(user, page: Page) -> bool:
    """What Wagtail's page serving lets through (no editing rights involved): the readers
    who must find the page's own URL readable."""
    if user is None or not page.live:
        return False
    if user.is_superuser:
        return not PageViewRestriction.objects.filter(
            page__in=Page.objects.ancestor_of(page, inclusive=True),
            restriction_type=PageViewRestriction.PASSWORD,
        ).exists()
    group_ids = set(user.groups.values_list("pk", flat=True))
    for restriction in PageViewRestriction.objects.filter(
        page__in=Page.objects.ancestor_of(page, inclusive=True)
    ):
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return False
        if restriction.restriction_type == PageViewRestriction.GROUPS and not group_ids & set(
            restriction.groups.values_list("pk", flat=True)
        ):
            return False
    return True
