"""The prozesse app's receivers, each connected per sender.

* ``post_page_move`` → :func:`prozesse.page_moves.after_page_move`, for every page type: a move
  of any page (a municipality, a department, an entry) can change the place of register
  entries below it.
"""

from __future__ import annotations

from wagtail.models import get_page_models
from wagtail.signals import post_page_move

from prozesse.page_moves import after_page_move

for _page_model in get_page_models():
    post_page_move.connect(
        after_page_move, sender=_page_model, dispatch_uid="prozesse.page_moves.after_page_move"
    )
