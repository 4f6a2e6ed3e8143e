"""Tables as CSV or XLSX downloads for staff (the register, search results).

One writer for both formats, so they always agree: German column titles, labels instead of
codes (the caller passes them), real dates (``datetime.date`` becomes a date cell in XLSX and
ISO 8601 text in CSV, which spreadsheet programs read as a date), numbers as numbers, and every
cell through ``intranet.spreadsheet.safe_cell`` so editors' text cannot become a formula.

CSV is written the way German Excel opens it by double click: UTF-8 with byte-order mark and
semicolons between the fields.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from intranet.spreadsheet import safe_cell

FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"


def _plain(value: Any) -> Any:
    """A value a spreadsheet cell can hold: None stays empty, aware datetimes become dates."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if value is None or isinstance(value, int | float | datetime.date):
        return value
    return str(value)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(str(header)) for header in headers])
    for row in rows:
        cells = []
        for value in row:
            value = _plain(value)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            cells.append("" if value is None else safe_cell(value))
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    # Local: openpyxl is only needed for XLSX downloads and slow to import.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([safe_cell(str(header)) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([safe_cell(_plain(value)) for value in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, min(50, len(str(header)) + 4))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def table_download(
    export_format: str,
    filename: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> HttpResponse:
    """The table as ``filename.csv`` or ``filename.xlsx`` (``export_format`` from FORMATS)."""
    if export_format == "xlsx":
        response = HttpResponse(xlsx_bytes(title, headers, rows), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
