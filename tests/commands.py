"""Running management commands in tests and reading what they printed."""

from __future__ import annotations

import io

from django.core.management import call_command


def run(command: str, *args, **options) -> str:
    """Run a management command (arguments converted to strings, so paths may be passed)
    and return what it printed."""
    out = io.StringIO()
    call_command(command, *[str(arg) for arg in args], stdout=out, **options)
    return out.getvalue()
