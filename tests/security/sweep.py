"""Read every enumerated URL as every role and note where markers turn up.

GET only, no redirects followed. The body of every answer is searched (HTML, JSON, CSV as
text; XLSX through openpyxl; PDFs through pypdf's text extraction; zip files such as the emergency
kit member by member; files as bytes), whatever
its status: a redirect to the login page or a 403/404 carries no marker, so it counts as "not
shown" by itself. An exception raised by a view is recorded as a 500.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.security.enumeration import Target
from tests.security.leak_setup import MARKER_PATTERN


@dataclass(frozen=True)
class Reading:
    role: str
    target: Target
    status: int
    #: "html", "json", "csv", "pdf", "xlsx", "zip", "file" or "other".
    channel: str
    #: page code → fields whose marker appeared.
    markers: dict[str, frozenset[str]]
    error: str = ""
    seconds: float = 0.0


@dataclass
class SweepResult:
    readings: list[Reading] = field(default_factory=list)
    seconds: float = 0.0

    def by_role(self) -> dict[str, list[Reading]]:
        grouped: dict[str, list[Reading]] = defaultdict(list)
        for reading in self.readings:
            grouped[reading.role].append(reading)
        return grouped


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        # The test client closes the response when its content is exhausted (closing it
        # here would close the database connection of the module's transaction).
        return b"".join(response.streaming_content)
    return response.content


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _xlsx_text(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        "\t".join("" if value is None else str(value) for value in row)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def _zip_text(data: bytes) -> str:
    """Every member of a zip file (the emergency kit): PDFs as text, the rest decoded."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            member = archive.read(name)
            texts.append(name)
            if member.startswith(b"%PDF"):
                texts.append(_pdf_text(member))
            else:
                texts.append(member.decode("utf-8", errors="replace"))
    return "\n".join(texts)


def text_of(response) -> tuple[str, str]:
    """(channel, text) of a response body."""
    data = _body(response)
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if data.startswith(b"%PDF"):
        return "pdf", _pdf_text(data)
    if data.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(data)):
        if "spreadsheet" in content_type or "excel" in content_type:
            return "xlsx", _xlsx_text(data)
        return "zip", _zip_text(data)
    text = data.decode("utf-8", errors="replace")
    if response.get("Content-Disposition", "").startswith("attachment") and content_type in (
        "text/csv",
    ):
        return "csv", text
    if content_type == "text/html":
        return "html", text
    if content_type == "application/json":
        return "json", text
    if content_type == "text/csv":
        return "csv", text
    return "file" if data and response.status_code == 200 else "other", text


def markers_in(text: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for match in MARKER_PATTERN.finditer(text):
        found[match.group(1)].add(match.group(2))
    return {code: frozenset(parts) for code, parts in found.items()}


def read(client: Client, role: str, target: Target) -> Reading:
    started = time.monotonic()
    try:
        response = client.get(target.url, follow=False)
    except Exception as error:  # a view that raises answers 500 in production
        message = f"{type(error).__name__}: {error}"[:300]
        return Reading(role, target, 500, "other", {}, message, time.monotonic() - started)
    channel, text = text_of(response)
    # A marker in the requested URL itself comes back as an echo (a 404 page, a form's
    # "next" field): the reader knew it already.
    markers = {
        code: kept
        for code, fields in markers_in(text).items()
        if (kept := frozenset(f for f in fields if f"{code}{f}" not in target.url))
    }
    seconds = time.monotonic() - started
    return Reading(role, target, response.status_code, channel, markers, seconds=seconds)


def sweep(users: dict[str, object | None], targets: list[Target]) -> SweepResult:
    result = SweepResult()
    started = time.monotonic()
    for role, user in users.items():
        client = Client(raise_request_exception=True)
        if user is not None:
            client.force_login(user)
        result.readings += [read(client, role, target) for target in targets]
    result.seconds = time.monotonic() - started
    return result
