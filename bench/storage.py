"""How much room a register takes: the PostgreSQL database (largest tables) and the search
engine's indexes (primary store and documents). Sizing figures for the scaling guide
(docs/scaling.md): they grow with the data, not with the machine's speed or load.
"""

from __future__ import annotations

from django.db import connection

LARGEST_TABLES = 8


def database_storage() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        (total,) = cursor.fetchone()
        cursor.execute(
            """
            SELECT c.relname, pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = 'public'
            ORDER BY 2 DESC LIMIT %s
            """,
            [LARGEST_TABLES],
        )
        tables = dict(cursor.fetchall())
    return {"bytes": total, "largest_tables_bytes": tables}


def engine_storage(backend) -> dict | None:
    """Primary store size and document count of the indexes with the backend's prefix."""
    client = getattr(backend, "es", None)
    prefix = getattr(backend, "index_prefix", "")
    if client is None or not prefix:
        return None
    stats = client.indices.stats(index=f"{prefix}*", metric="store,docs")
    primaries = stats["_all"]["primaries"]
    return {
        "indexes": len(stats.get("indices", {})),
        "documents": primaries["docs"]["count"],
        "primary_store_bytes": primaries["store"]["size_in_bytes"],
    }


def storage(backend) -> dict:
    return {"database": database_storage(), "engine": engine_storage(backend)}
