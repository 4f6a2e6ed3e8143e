"""One way to split a long list into pages: ``?seite=2`` (or another parameter, when a page
shows two lists), rendered by ``templates/includes/pagination.html``.

A list that can grow to the whole register (the register page) counts only up to a limit
(``count_limit``): counting 100,000 entries exactly costs PostgreSQL a scan and two joins on
every visit, counting up to 10,000 about 20 ms. Beyond the limit the page says "mehr als"
and pages through the first entries only; the filters narrow the list."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property


class LimitedCountPaginator(Paginator):
    """A paginator that counts at most ``count_limit`` items: ``count`` is the exact number up
    to the limit and the limit beyond it, and ``more_than_counted`` says which."""

    def __init__(self, object_list, per_page: int, *, count_limit: int):
        super().__init__(object_list, per_page)
        self.count_limit = count_limit

    @cached_property
    def _counted(self) -> int:
        # One more than the limit tells "exactly the limit" from "more". Without an order the
        # database takes the cheapest rows; a sliced queryset's count() counts a subquery.
        return self.object_list.order_by()[: self.count_limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.count_limit)

    @property
    def more_than_counted(self) -> bool:
        return self._counted > self.count_limit


@dataclass(frozen=True)
class PageSlice:
    page_obj: Page
    #: The request's other parameters, for the links to the previous and next page.
    query_without_page: str
    param: str


def page_of(
    request: HttpRequest,
    items,
    *,
    per_page: int,
    param: str = "seite",
    count_limit: int | None = None,
) -> PageSlice:
    """The requested page of ``items``; a missing, invalid or too large number gives the
    first or last page instead of an error. With ``count_limit`` (a queryset only), items
    beyond the limit are neither counted nor paged to (``LimitedCountPaginator``)."""
    paginator = (
        Paginator(items, per_page)
        if count_limit is None
        else LimitedCountPaginator(items, per_page, count_limit=count_limit)
    )
    page_obj = paginator.get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return PageSlice(page_obj, query.urlencode(), param)
