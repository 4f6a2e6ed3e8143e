"""PostgreSQL cursor for parameters bound on the server, without the protocol's limit.

With ``server_side_binding`` (``DATABASE_PREPARED_STATEMENTS``, on by default) psycopg sends the
parameters of a statement separately, so PostgreSQL can prepare it and reuse its plan. The wire
protocol counts a statement's parameters in 16 bits: a statement with more than 65,535 of them
cannot be sent at all. Django does not split such statements for PostgreSQL; measured at 300,000
process pages, ``update_index`` for the database search index wrote batches of 1,000 pages with
more parameters than that and stopped. A ``pk__in`` list of more than 65,535 ids would stop the
same way. (``bulk_create`` is not affected: Django 5.2 sends one array per column.)

:class:`ServerBindingCursor` sends such a statement with its values written into the text
(psycopg's client-side binding, what Django does without ``server_side_binding``); every other
statement keeps server-side binding and can be prepared.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql.base import Cursor as ClientBindingCursor
from django.db.backends.postgresql.base import ServerBindingCursor as DjangoServerBindingCursor

#: The most parameters one statement may carry on the wire (a 16-bit count).
MAX_BOUND_PARAMETERS = 65_535


class ServerBindingCursor(DjangoServerBindingCursor):
    """Django's server-binding cursor, binding on the client beyond the protocol's limit."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any):
        if params is not None and len(params) > MAX_BOUND_PARAMETERS:
            with ClientBindingCursor(self.connection) as client:
                query, params = client.mogrify(query, params), None
        return super().execute(query, params, **kwargs)
