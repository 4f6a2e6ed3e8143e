"""Small value parsers shared by the format readers. Plain Python, no Django."""

from __future__ import annotations

from datetime import datetime

__all__ = ["parse_iso_datetime"]


def parse_iso_datetime(value: object) -> datetime | None:
    """An ISO 8601 date-time (surrounding whitespace ignored); None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None
