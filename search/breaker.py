"""A circuit breaker per search-engine URL: after a timeout or connection error, searches and
single-document index writes skip the engine for a while and go straight to the database
fallback (writes to the search backlog), then one request probes the engine again.

Why: a node that hangs (accepts connections, never answers) costs every request the full client
timeout before the fallback answers. With the breaker only the request that trips it waits; the
others answer from the database at once until the cool-down (``CIRCUIT_BREAKER_SECONDS``) is
over. State is per process (each gunicorn worker learns on its own) and per URL (a test's private
node does not trip the shared one).

Imports no Django: ``search.engine`` (imported by the settings) uses it for backend detection.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import threading
import time
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

DEFAULT_COOLDOWN_SECONDS = 30.0


class SearchEngineUnavailable(ConnectionError):
    """The circuit breaker is open: the engine was not asked."""


class CircuitBreaker:
    """Closed: every request goes to the engine. Open (after a failure): none does, until
    ``cooldown`` seconds have passed; then one caller gets a probe (half-open) — its success
    closes the breaker, its failure opens it for another ``cooldown``. A probe that never
    reports back is replaced by another one after ``cooldown``."""

    def __init__(self, name: str, cooldown: float = DEFAULT_COOLDOWN_SECONDS):
        self.name = name
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._open_since: float | None = None

    @property
    def is_open(self) -> bool:
        return self._open_since is not None

    def allow(self) -> bool:
        """May this caller ask the engine now?"""
        with self._lock:
            if self._open_since is None:
                return True
            now = time.monotonic()
            if now - self._open_since < self.cooldown:
                return False
            self._open_since = now  # this caller probes; the others keep skipping
            logger.info("Probing the search engine at %s again", self.name)
            return True

    def record_success(self) -> None:
        with self._lock:
            if self._open_since is not None:
                logger.warning("Search engine at %s answers again", self.name)
            self._open_since = None

    def record_failure(self, error: BaseException | None = None) -> None:
        with self._lock:
            if self._open_since is None:
                logger.error(
                    "Search engine at %s unreachable (%s); searches answer from the database "
                    "for the next %g s",
                    self.name,
                    error,
                    self.cooldown,
                )
            self._open_since = time.monotonic()

    def reset(self) -> None:
        with self._lock:
            self._open_since = None


class GuardedClient:
    """An engine client (opensearch-py or elasticsearch) whose requests pass the breaker: each
    method call (also on namespaces such as ``indices``) first asks :meth:`CircuitBreaker.allow`
    and raises :class:`SearchEngineUnavailable` without a request while the breaker is open; a
    connection error or timeout opens it, an answer closes it."""

    def __init__(self, client, breaker: CircuitBreaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name: str):
        value = getattr(self._client, name)
        if inspect.ismethod(value):
            return self._guarded(value)
        if _is_client_namespace(value):
            return GuardedClient(value, self._breaker)
        return value

    @property
    def unguarded(self):
        """The client itself (benchmarks replay raw requests on it)."""
        return self._client

    def _guarded(self, method):
        breaker = self._breaker

        def call(*args, **kwargs):
            if not breaker.allow():
                raise SearchEngineUnavailable(
                    f"search engine at {breaker.name} not asked (circuit breaker open)"
                )
            try:
                result = method(*args, **kwargs)
            except Exception as error:
                if is_unreachable(error):
                    breaker.record_failure(error)
                raise
            breaker.record_success()
            return result

        return call

    def __repr__(self) -> str:
        return f"<GuardedClient {self._client!r}>"


def _is_client_namespace(value) -> bool:
    module = type(value).__module__ or ""
    return module.startswith(("opensearchpy.", "elasticsearch.", "elastic_transport."))


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def _display_name(url: str) -> str:
    """Host and port only: credentials in the URL never reach a log line."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname or url)


def breaker_for(url: str, cooldown: float = DEFAULT_COOLDOWN_SECONDS) -> CircuitBreaker:
    """The process-wide breaker of the engine at ``url`` (cool-down updated to ``cooldown``)."""
    with _breakers_lock:
        breaker = _breakers.get(url)
        if breaker is None:
            breaker = _breakers[url] = CircuitBreaker(_display_name(url), cooldown)
        breaker.cooldown = cooldown
        return breaker


def reset_all() -> None:
    """Close every breaker (tests; after an operator fixed the engine a restart does the same)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


def installed_exceptions(*dotted_paths: str) -> tuple[type[BaseException], ...]:
    """The exception classes named by ``dotted_paths`` whose client library is installed (the
    OpenSearch and Elasticsearch clients are each optional)."""
    found = []
    for dotted_path in dotted_paths:
        module_name, _dot, class_name = dotted_path.rpartition(".")
        try:
            found.append(getattr(importlib.import_module(module_name), class_name))
        except ImportError:  # pragma: no cover - optional client
            continue
    return tuple(found)


#: Exceptions that mean the engine did not answer (OpenSearch's includes ConnectionTimeout).
UNREACHABLE_ERRORS = (
    ConnectionError,
    TimeoutError,
    *installed_exceptions(
        "opensearchpy.exceptions.ConnectionError",
        "elastic_transport.ConnectionError",
        "elastic_transport.ConnectionTimeout",
    ),
)


def is_unreachable(error: BaseException) -> bool:
    """Does ``error`` mean the engine did not answer (refused, reset, timed out)? Errors the
    engine answered with (a bad request, a missing index) do not trip the breaker. A node that
    did not answer the detection request raises ``SearchEngineNotAnswering``, a ConnectionError."""
    return isinstance(error, UNREACHABLE_ERRORS)
