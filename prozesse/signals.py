"""The prozesse app's receivers, each connected per sender.

* ``post_page_move`` → :func:`prozesse.page_moves.after_page_move`, for every page type: a move
  of any page (a municipality, a department, an entry) can change the place of register
  entries below it.
* ``page_published`` → :func:`prozesse.decision_tasks.after_page_published`, for every register
  entry type: a decision's status history, and the pages that carry a decision in.
"""

from __future__ import annotations

from wagtail.models import get_page_models
from wagtail.signals import page_published, post_page_move

from prozesse.decision_tasks import after_page_published
from prozesse.models import RegisterEntryPage
from prozesse.page_moves import after_page_move

for _page_model in get_page_models():
    post_page_move.connect(
        after_page_move, sender=_page_model, dispatch_uid="prozesse.page_moves.after_page_move"
    )
    if issubclass(_page_model, RegisterEntryPage):
        page_published.connect(
            after_page_published,
            sender=_page_model,
            dispatch_uid="prozesse.decision_tasks.after_page_published",
        )
