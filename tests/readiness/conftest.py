"""Fixtures of the readiness tests: the session's Chromium for the kit's file:// check."""

from tests.e2e.support import browser  # noqa: F401
