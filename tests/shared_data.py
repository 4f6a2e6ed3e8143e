"""The real sample data in ``../shared/data`` (beside the repository), read by the tests.

Locally a missing folder skips the tests that need it; in CI (CI=true) it does not, so they
fail loudly instead of passing by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
#: The excerpts the import-command tests read.
MIWG_DIR = SHARED_DATA / "bpmn-miwg"
OPARL_DIR = SHARED_DATA / "oparl-karlsruhe"
LAWS_DIR = SHARED_DATA / "gesetze"
XPROZESS_FILE = SHARED_DATA / "xprozess" / "99006028261000-mutterschutz-anzeige.xprozess.xml"


def needs(path: Path) -> pytest.MarkDecorator:
    """Skip when ``path`` is absent, except in CI."""
    in_ci = os.environ.get("CI", "").lower() == "true"
    return pytest.mark.skipif(
        not path.exists() and not in_ci, reason=f"sample data not available at {path}"
    )


def require(path: Path) -> None:
    """For fixtures: skip the requesting test when ``path`` is absent, except in CI."""
    if not path.exists() and os.environ.get("CI", "").lower() != "true":
        pytest.skip(f"sample data not available at {path}")


#: Marks a test that reads the real sample data folder.
needs_real_data = needs(SHARED_DATA)
