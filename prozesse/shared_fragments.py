"""Parts of reader pages rendered once and shared by every reader who may see the same pages.

The register table for one set of filters costs the application about 70–120 ms and
PostgreSQL about 30 ms at 100,000 pages, and it comes out the same for everyone who may see the
same pages. :func:`shared_fragment` renders such a part once and serves it from the cache to
those readers. Its key holds everything the part may depend on:

- **what the reader may see**: the reader's :class:`~prozesse.visibility.Visibility`, from the
  one visibility rule. Readers who may see different pages never share a part. A new or lifted
  view restriction, a changed group membership or an entered password changes the reader's
  visibility, and with it the key, on their next request;
- **the content**: the id of the newest entry of Wagtail's page log that can change what
  readers see, and of the model log. Every publish, unpublish, move, deletion, copy and
  restriction change made through Wagtail writes one, and so do our importers. A change
  therefore shows on the next request. Saving a draft, moderation steps, locks, comments and
  reading confirmations do not count (the publish at the end of a review writes its own
  entry): editors at work would otherwise make every reader's part new every few seconds;
- the language, the day (review dates turn "überfällig" at midnight) and the part's own
  parameters (the table's filters, sort and page).

A shared part must hold nothing personal: no CSRF token, no name, no link that depends on who
reads it. A change that bypasses Wagtail's log (a data migration, a bulk update in a shell)
shows after :data:`TIMEOUT` at the latest.

The cache is the process's memory unless ``CACHES`` says otherwise: each worker renders a part
once per change and keeps at most a few hundred parts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import ModelLogEntry, PageLogEntry

from prozesse.visibility import visibility_of

#: Seconds a part is kept at most (the bound for changes that bypass Wagtail's log).
TIMEOUT = 300
#: Page log actions that never change what a reader sees.
READER_NEUTRAL_ACTIONS = (
    "wagtail.edit",  # a revision saved; publishing it writes "wagtail.publish"
    "wagtail.revert",  # an old revision saved as the new draft
    "wagtail.lock",
    "wagtail.unlock",
    "prozesse.superuser_approval",
    "knowledge.read_requested",
    "knowledge.read_confirmed",
    "knowledge.remind_owner",
)
READER_NEUTRAL_PREFIXES = ("wagtail.workflow.", "wagtail.comments.", "wagtail.schedule.")
_REQUEST_CACHE = "_prozesse_content_version"


def content_version(request) -> tuple[int, int]:
    """The ids of the newest reader-relevant page log entry and of the newest model log entry,
    read once per request."""
    cached = request.__dict__.get(_REQUEST_CACHE)
    if cached is None:
        page_changes = PageLogEntry.objects.exclude(action__in=READER_NEUTRAL_ACTIONS)
        for prefix in READER_NEUTRAL_PREFIXES:
            page_changes = page_changes.exclude(action__startswith=prefix)
        cached = (
            page_changes.aggregate(newest=Max("pk"))["newest"] or 0,
            ModelLogEntry.objects.aggregate(newest=Max("pk"))["newest"] or 0,
        )
        request.__dict__[_REQUEST_CACHE] = cached
    return cached


def fragment_key(request, name: str, parameters: Iterable) -> str:
    """The cache key of part ``name`` with ``parameters`` for the request's reader."""
    visibility = visibility_of(request)
    material = repr(
        (
            visibility.hidden_paths,
            visibility.allowed_paths,
            content_version(request),
            get_language(),
            timezone.localdate().isoformat(),
            tuple(parameters),
        )
    )
    return f"prozesse:fragment:{name}:{hashlib.sha256(material.encode()).hexdigest()}"


def shared_fragment(
    request, name: str, parameters: Iterable, render: Callable[[], str]
) -> SafeString:
    """Part ``name`` for the request's reader: from the cache, or rendered by ``render`` (which
    must depend only on what the key holds) and kept for the next reader."""
    key = fragment_key(request, name, parameters)
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, TIMEOUT)
    # Rendered by our own templates, with autoescaping.
    return mark_safe(html)
