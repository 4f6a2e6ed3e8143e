"""FIM XProzess 2.0 messages: reading (``read_xprozess``) and writing (``write_xprozess``).

* :mod:`.records` - the records both directions share (``XProzessProcess``, ...),
* :mod:`.reader` - the safe reader (size and depth limits, class/process merging),
* :mod:`.embedded` - the base64/ZIP files embedded in a message (limits against zip bombs),
* :mod:`.writer` - ``alleInhalte.export.0303`` messages from the same records.

The names below are the public API; import them from this package (the limits are read where
they are defined, so a test that changes one patches that module). Plain Python, no Django.
"""

from .embedded import MAX_EMBEDDED_FILE_BYTES, MAX_UNCOMPRESSED_BYTES
from .reader import MAX_DEPTH, MAX_MESSAGE_BYTES, read_xprozess, read_xprozess_message
from .records import (
    XPROZESS_NAMESPACE,
    Classification,
    LegalBasis,
    Participant,
    XProzessActivity,
    XProzessError,
    XProzessMessage,
    XProzessProcess,
    XProzessState,
)
from .writer import MESSAGE_TYPE, write_xprozess

__all__ = [
    "MAX_DEPTH",
    "MAX_EMBEDDED_FILE_BYTES",
    "MAX_MESSAGE_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "MESSAGE_TYPE",
    "XPROZESS_NAMESPACE",
    "Classification",
    "LegalBasis",
    "Participant",
    "XProzessActivity",
    "XProzessError",
    "XProzessMessage",
    "XProzessProcess",
    "XProzessState",
    "read_xprozess",
    "read_xprozess_message",
    "write_xprozess",
]
