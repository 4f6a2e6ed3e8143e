"""The checks every leak-test module (``test_leaks*.py``) makes on the readings of its roles:
no marker of a page the role may not see, no server error, and each marked page on its own
URL for the roles that may read it. All findings are collected and reported at once."""

from __future__ import annotations

from collections import defaultdict

from tests.security.leak_setup import FIELDS, MARKER_PREFIX


def _marker_label(code: str, fields) -> str:
    return f"{MARKER_PREFIX}{code}[{'/'.join(f for f in FIELDS if f in fields)}]"


def assert_no_marker_leaks(leak_run) -> None:
    """No role of the run finds a marker of a page it may not see, in any answer."""
    leaks = defaultdict(list)
    for reading in leak_run.result.readings:
        for code, fields in sorted(reading.markers.items()):
            if not leak_run.allowed[reading.role, code]:
                leaks[reading.role].append(
                    f"  {reading.role} → {reading.target.url} [{reading.status}, "
                    f"{reading.channel}] → {_marker_label(code, fields)} "
                    f"({leak_run.world.marked[code].restriction})"
                )
    count = sum(len(lines) for lines in leaks.values())
    summary = [
        f"{count} leaks in {len(leak_run.result.readings)} readings "
        f"({len(leak_run.enumeration.targets)} URLs × {len(leak_run.roles)} roles, "
        f"{leak_run.result.seconds:.0f} s):"
    ]
    assert not leaks, "\n".join(summary + [line for role in leaks for line in leaks[role]])


def assert_no_server_errors(leak_run) -> None:
    """No URL answers 500 to a role of the run."""
    failures = [
        f"  {r.role} → {r.target.url} → {r.status} {r.error}"
        for r in leak_run.result.readings
        if r.status >= 500
    ]
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)


def assert_marked_pages_show_to_their_readers(leak_run) -> None:
    """The markers are findable: each marked page shows its title marker on its own URL to every
    role of the run that passes its view restrictions (login restrictions let every signed-in
    reader in)."""
    readings = {(r.role, r.target.url): r for r in leak_run.result.readings}
    missing = []
    for (role, code), readable in sorted(leak_run.readable.items()):
        if not readable:
            continue
        reading = readings[role, leak_run.page_urls[code]]
        if "TITEL" not in reading.markers.get(code, ()):
            missing.append(f"  {role} → {reading.target.url} [{reading.status}]")
    assert any(leak_run.readable.values()), "no role may read any marked page"
    assert not missing, "readers who do not see their page:\n" + "\n".join(missing)
