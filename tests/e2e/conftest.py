"""Browser fixtures (see ``tests/e2e/support.py``)."""

from tests.e2e.support import (  # noqa: F401
    base_content,
    browser,
    new_context,
    pytest_runtest_makereport,
)
