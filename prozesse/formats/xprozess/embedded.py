"""The files embedded in an XProzess 2.0 message: base64-encoded, usually ZIP archives.

Reading is hostile-input safe: the size is limited before and after base64 decoding, ZIP
archives are checked against a total-uncompressed-size limit (zip bombs) while actually
decompressing, and member names with absolute paths or ``..`` are ignored. Writing packs
files into a reproducible ZIP (fixed member timestamps). Plain Python, no Django.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import zipfile
import zlib
from collections.abc import Sequence

from .records import XProzessError

__all__ = [
    "MAX_EMBEDDED_FILE_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_ZIP_MEMBERS",
    "decode_embedded",
    "encode_embedded",
]

#: Largest embedded file accepted after base64 decoding (bytes).
MAX_EMBEDDED_FILE_BYTES = 50 * 1024 * 1024
#: Largest total uncompressed size of all members of one embedded ZIP (bytes).
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
#: Largest number of members in one embedded ZIP.
MAX_ZIP_MEMBERS = 1000

# Errors a damaged member may raise while decompressing (LZMA errors subclass Exception only).
_ZIP_MEMBER_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
try:  # pragma: no cover - lzma is optional in some Python builds
    import lzma

    _ZIP_MEMBER_ERRORS += (lzma.LZMAError,)
except ImportError:  # pragma: no cover
    pass
_CHUNK = 64 * 1024
#: A fixed timestamp for ZIP members, so equal content gives equal archives.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def decode_embedded(
    encoded: str, label: str, fim_id: str, warnings: list[str]
) -> list[tuple[str, bytes]]:
    """Decode the base64 ``inhalt`` of a file element; unpack it if it is a ZIP archive.

    ``label`` names the file in messages, ``fim_id`` the process; notes on skipped ZIP
    members are appended to ``warnings``. Raises :class:`XProzessError` (German message).
    """
    if len(encoded) // 4 * 3 > MAX_EMBEDDED_FILE_BYTES:
        raise XProzessError(
            f"Prozess {fim_id}: Datei „{label}“ ist zu groß "
            f"(höchstens {MAX_EMBEDDED_FILE_BYTES} Bytes erlaubt)."
        )
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise XProzessError(
            f"Prozess {fim_id}: Datei „{label}“ ist nicht gültig Base64-kodiert ({exc})."
        ) from exc
    if raw[:2] != b"PK":
        return [(_guess_name(label, raw), raw)]
    return _unzip(raw, label, fim_id, warnings)


def _unzip(raw: bytes, label: str, fim_id: str, warnings: list[str]) -> list[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise XProzessError(
            f"Prozess {fim_id}: Datei „{label}“ ist kein gültiges ZIP-Archiv ({exc})."
        ) from exc
    files: list[tuple[str, bytes]] = []
    total = 0
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise XProzessError(
                f"Prozess {fim_id}: ZIP-Archiv „{label}“ enthält zu viele Dateien ({len(infos)})."
            )
        if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
            raise XProzessError(
                f"Prozess {fim_id}: ZIP-Archiv „{label}“ ist entpackt zu groß "
                f"(höchstens {MAX_UNCOMPRESSED_BYTES} Bytes erlaubt)."
            )
        for info in infos:
            if info.is_dir():
                continue
            name = _safe_member_name(info.filename)
            if name is None:
                warnings.append(
                    f"ZIP-Archiv „{label}“: Eintrag {info.filename!r} mit unzulässigem Pfad "
                    "wurde ignoriert."
                )
                continue
            if info.flag_bits & 0x1:
                warnings.append(
                    f"ZIP-Archiv „{label}“: verschlüsselter Eintrag {name!r} wurde ignoriert."
                )
                continue
            chunks: list[bytes] = []
            try:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNCOMPRESSED_BYTES:  # declared sizes may lie
                            raise XProzessError(
                                f"Prozess {fim_id}: ZIP-Archiv „{label}“ ist entpackt zu groß "
                                f"(höchstens {MAX_UNCOMPRESSED_BYTES} Bytes erlaubt)."
                            )
                        chunks.append(chunk)
            except XProzessError:
                raise
            except _ZIP_MEMBER_ERRORS as exc:
                raise XProzessError(
                    f"Prozess {fim_id}: ZIP-Archiv „{label}“ ist beschädigt "
                    f"(Eintrag {name!r}: {exc})."
                ) from exc
            files.append((name, b"".join(chunks)))
    return files


def _safe_member_name(name: str) -> str | None:
    """Return a safe relative member name, or None for absolute/traversing names."""
    normalised = name.replace("\\", "/")
    if not normalised or normalised.startswith("/") or re.match(r"^[A-Za-z]:", normalised):
        return None
    parts = [p for p in normalised.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts) or "\x00" in normalised:
        return None
    return "/".join(parts)


def _guess_name(label: str, raw: bytes) -> str:
    if "." in label.rsplit("/", 1)[-1]:
        return label
    head = raw[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return f"{label}.pdf"
    if head.startswith(b"<"):
        return f"{label}.xml"
    return label


def encode_embedded(files: Sequence[tuple[str, bytes]]) -> str:
    """(name, bytes) pairs as the base64 text of one ZIP archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), content)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
