"""Spreadsheet cells that cannot turn into formulas (CSV/formula injection).

Titles and names come from editors. A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return is read by Excel and LibreOffice as a formula (``=HYPERLINK(…)``, DDE). As
OWASP recommends, such a text cell gets a leading single quote, which spreadsheet programs show
as text. Only text is touched: numbers, dates and empty cells keep their type. Every CSV or XLSX
writer of the project passes its cells through ``safe_cell`` (the admin register export through
``FormulaSafeExportMixin``).
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` for a spreadsheet cell, with text that starts like a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail's ``SpreadsheetExportMixin`` views (modeladmin index, snippet listings):
    every exported text cell goes through ``safe_cell``, in CSV and XLSX alike."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))
