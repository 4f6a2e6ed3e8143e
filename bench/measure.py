"""The measurements: search latency (engine, database, raw engine requests), page rendering
with its SQL query count, full reindex throughput, and demo-seed / import throughput.

Search goes through the application's own entry point: the JSON API ``/api/search/`` when it
exists (Django test client, logged in), else ``search.service.search_register()``. The same
fixed mix of German queries with facet filters runs against the search-engine backend and
against the database backend (the same code, with the database backend configured as
``default``). The raw floor replays, on one persistent client, exactly the HTTP requests the
engine backend sent for each query (captured at the transport layer).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parent.parent
API_PATH = "/api/search/"

#: A fixed mix of German queries as staff type them: single words, compounds, phrases with
#: inflection, umlauts written out, and register jargon.
QUERIES: tuple[str, ...] = (
    "Gewerbeanmeldung",
    "Hundesteuer",
    "Wohnsitz anmelden",
    "Personalausweis beantragen",
    "Bauantrag prüfen",
    "Bürgerbüro",
    "Rechnungseingang",
    "Stromausfall",
    "Kita Platz",
    "Fuehrungszeugnis",
    "Baumfällgenehmigung",
    "Gebühren Bescheid",
    "Datenschutz",
    "Bestattung",
    "Sondernutzung Straße",
    "Eheschließung",
)


@dataclass(frozen=True)
class SearchCase:
    query: str
    filters: tuple[tuple[str, str], ...] = ()

    @property
    def params(self) -> dict[str, str]:
        return {"q": self.query, **dict(self.filters)}

    def label(self) -> str:
        extra = "&".join(f"{k}={v}" for k, v in self.filters)
        return self.query + (f" [{extra}]" if extra else "")


def search_cases(municipality_slugs: list[str], limit: int | None = None) -> list[SearchCase]:
    """Every query without filters, with a municipality, with type+status, and with
    municipality+type: 4 × len(QUERIES) cases (``limit``: only the first queries)."""
    slugs = municipality_slugs or [""]
    cases = []
    for number, query in enumerate(QUERIES[:limit]):
        first = slugs[number % len(slugs)]
        second = slugs[(number * 7 + 3) % len(slugs)]
        variants = [(), (("typ", "prozess"), ("status", "ist"))]
        if first:
            variants.insert(1, (("kommune", first),))
            variants.append((("kommune", second), ("typ", "prozess")))
        cases += [SearchCase(query, variant) for variant in variants]
    return cases


# ------------------------------------------------------------------------------ statistics
def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values_ms: list[float]) -> dict:
    if not values_ms:
        return {"samples": 0}
    return {
        "samples": len(values_ms),
        "p50_ms": round(percentile(values_ms, 50), 2),
        "p95_ms": round(percentile(values_ms, 95), 2),
        "p99_ms": round(percentile(values_ms, 99), 2),
        "mean_ms": round(statistics.fmean(values_ms), 2),
        "max_ms": round(max(values_ms), 2),
    }


def staff_client() -> Client:
    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff", defaults={"first_name": "Bench", "last_name": "Mitarbeiterin"}
    )
    client = Client()
    client.force_login(user)
    return client


# ------------------------------------------------------------------------------ search entry
def search_api_available() -> bool:
    try:
        match = resolve(API_PATH)
    except Resolver404:
        return False
    module = getattr(match.func, "__module__", "") or ""
    return not module.startswith("wagtail")


class SearchEntry:
    """One search as the application answers it, through the API or the service function."""

    def __init__(self):
        self.api = search_api_available()
        self.client = staff_client() if self.api else None
        self.name = f"GET {API_PATH} (test client)" if self.api else "search_register()"

    def __call__(self, case: SearchCase) -> int:
        """Run the search and return the number of hits (forces every lazy result)."""
        if self.api:
            response = self.client.get(API_PATH, case.params)
            if response.status_code != 200:
                raise RuntimeError(f"{API_PATH} answered {response.status_code} for {case}")
            data = response.json()
            for key in ("count", "total", "hits"):
                if isinstance(data.get(key), int):
                    return data[key]
            return len(data.get("results", []))
        from search import service

        filters = self._service_filters(service, dict(case.filters))
        outcome = service.search_register(case.query, filters)
        list(outcome.page.object_list)  # the result page is lazy
        return outcome.count

    @staticmethod
    def _service_filters(service, params: dict[str, str]):
        """Build the service's filter object from URL-style parameters, whatever its shape."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for key, value in params.items():
            query[key] = value
        for candidate in ("filters_from_query", "parse_filters", "filters_from_request"):
            for module_name in ("search.facets", "search.service", "search.views"):
                try:
                    module = importlib.import_module(module_name)
                except ImportError:
                    continue
                function = getattr(module, candidate, None)
                if function is None:
                    continue
                if candidate == "filters_from_request":

                    class _Request:
                        GET = query

                    return function(_Request())
                return function(query)
        return service.SearchFilters(**params)


@contextlib.contextmanager
def database_backend_as_default():
    """Answer searches with the database backend, as an installation without an engine does."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    database = backends.get("fallback") or {"BACKEND": "wagtail.search.backends.database"}
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": dict(database)}):
        yield


def time_cases(run, cases: list[SearchCase], repeats: int, budget_s: float) -> tuple[list, dict]:
    """Warm up once per case, then time ``repeats`` rounds over all cases (interleaved, so a
    slow phase of the machine spreads over all cases) until the time budget is spent."""
    hits = {}
    for case in cases:
        hits[case.label()] = run(case)
    samples: list[float] = []
    started = time.perf_counter()
    for _round in range(repeats):
        for case in cases:
            t0 = time.perf_counter()
            run(case)
            samples.append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() - started > budget_s:
            break
    return samples, hits


# ------------------------------------------------------------------------------ raw engine
class RequestRecorder:
    """Records the HTTP requests the search-engine clients send (opensearch-py and
    elasticsearch), so they can be replayed without the application."""

    def __init__(self):
        self.requests: list[tuple] = []
        self._patches: list[tuple] = []

    def __enter__(self):
        with contextlib.suppress(ImportError):
            from opensearchpy import Transport

            original = Transport.perform_request
            recorder = self

            def perform(self, method, url, params=None, body=None, **kwargs):
                recorder.requests.append(("opensearch", method, url, params, body))
                return original(self, method, url, params=params, body=body, **kwargs)

            Transport.perform_request = perform
            self._patches.append((Transport, original))
        with contextlib.suppress(ImportError):
            from elastic_transport import Transport as ElasticTransport

            original_elastic = ElasticTransport.perform_request
            recorder = self

            def perform_elastic(self, method, target, **kwargs):
                recorder.requests.append(("elastic", method, target, None, kwargs.get("body")))
                return original_elastic(self, method, target, **kwargs)

            ElasticTransport.perform_request = perform_elastic
            self._patches.append((ElasticTransport, original_elastic))
        return self

    def __exit__(self, *exc):
        for cls, original in self._patches:
            cls.perform_request = original
        self._patches.clear()


def capture_engine_requests(run, cases: list[SearchCase]) -> dict[SearchCase, list[tuple]]:
    captured = {}
    for case in cases:
        with RequestRecorder() as recorder:
            run(case)
        captured[case] = list(recorder.requests)
    return captured


def replay(transport, kind: str, requests: list[tuple], strip: tuple[str, ...] = ()) -> int:
    """Send the recorded requests again; return the engine's own time ("took", ms)."""
    took = 0
    for client_kind, method, url, params, body in requests:
        if client_kind != kind:
            continue
        if strip and isinstance(body, dict):
            body = {key: value for key, value in body.items() if key not in strip}
        if kind == "opensearch":
            response = transport.perform_request(method, url, params=params, body=body)
        else:
            response = transport.perform_request(
                method, url, body=body, headers={"accept": "application/json"}
            ).body
        if isinstance(response, dict):
            took += response.get("took", 0) or 0
    return took


#: Parts of the engine request left out to see what they cost (diagnosis for the search code).
BREAKDOWN = {
    "without highlighting": ("highlight",),
    "without aggregations (facets)": ("aggs", "aggregations"),
    "query only (no highlight, facets, suggestions)": (
        "highlight",
        "aggs",
        "aggregations",
        "suggest",
    ),
}


def engine_breakdown(transport, kind: str, captured: dict, cases: list) -> dict:
    result = {}
    for label, strip in BREAKDOWN.items():
        for case in cases:  # warm-up
            replay(transport, kind, captured[case], strip)
        timings = []
        for case in cases:
            t0 = time.perf_counter()
            replay(transport, kind, captured[case], strip)
            timings.append((time.perf_counter() - t0) * 1000)
        result[label] = summary(timings)
    return result


def measure_search(
    municipality_slugs: list[str],
    repeats: int,
    budget_s: float,
    query_limit=None,
    log=print,
    *,
    database: bool = True,
):
    from wagtail.search.backends import get_search_backend

    from search.indexes import is_search_engine

    cases = search_cases(municipality_slugs, query_limit)
    entry = SearchEntry()
    log(f"  entry point: {entry.name}; {len(cases)} cases × {repeats} rounds")
    queries = list(QUERIES[:query_limit])
    result: dict = {"entry_point": entry.name, "cases": len(cases), "queries": queries}
    engine_backend = get_search_backend("default")
    has_engine = is_search_engine(engine_backend)
    # The module of the backend in use (the setting may name the detecting backend).
    result["engine_backend"] = type(engine_backend).__module__

    if has_engine:
        samples, hits = time_cases(entry, cases, repeats, budget_s)
        result["engine"] = summary(samples)
        result["hits_engine"] = hits
        log(f"  engine: {result['engine']}")
        captured = capture_engine_requests(entry, cases)
        per_search = Counter(len(requests) for requests in captured.values())
        result["engine_requests_per_search"] = dict(sorted(per_search.items()))
        client = getattr(engine_backend.es, "unguarded", engine_backend.es)  # no circuit breaker
        kind = "opensearch" if "opensearch" in type(client).__module__ else "elastic"
        transport = client.transport
        for case in cases:  # warm-up
            replay(transport, kind, captured[case])
        raw: list[float] = []
        took: list[float] = []
        started = time.perf_counter()
        for _round in range(repeats):
            for case in cases:
                t0 = time.perf_counter()
                took.append(replay(transport, kind, captured[case]))
                raw.append((time.perf_counter() - t0) * 1000)
            if time.perf_counter() - started > budget_s:
                break
        result["raw"] = summary(raw)
        result["raw_engine_took"] = summary(took)
        log(f"  raw engine requests: {result['raw']}")
        result["raw_breakdown"] = engine_breakdown(transport, kind, captured, cases)
        p95s = {k: v.get("p95_ms") for k, v in result["raw_breakdown"].items()}
        log(f"  raw breakdown (p95): {p95s}")
        example = next(iter(captured.values()), [])
        result["raw_example"] = [
            {"method": r[1], "url": r[2], "body": _jsonable(r[4])} for r in example[:3]
        ]
    if database:
        with database_backend_as_default():
            db_entry = SearchEntry()
            samples, hits = time_cases(db_entry, cases, repeats, budget_s)
        result["database"] = summary(samples)
        result["hits_database"] = hits
        log(f"  database: {result['database']}")
    return result


def _jsonable(body):
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str):
        with contextlib.suppress(ValueError):
            return json.loads(body)
        return body[:2000]
    return body


# ------------------------------------------------------------------------------ page rendering
def _content_profile(page) -> tuple[tuple, int]:
    """Which optional parts a process page has (each may cost a query once) and how much
    content it has in total (which must not cost more queries)."""
    steps = list(page.steps.raw_data)
    parts = {
        "owner": page.content_owner_id is not None,
        "steps_with_system": any((s.get("value") or {}).get("it_system") for s in steps),
        "deputies": page.deputies.exists(),
        "tags": page.tagged_items.exists(),
        "it_systems": page.it_systems.exists(),
        "scenarios": page.scenario_links.exists(),
        "related": page.related_process_links.exists(),
        "service_key": bool(page.service_key),  # "this process in other municipalities"
        "shared": page.share_intermunicipal,  # the adoption offer looks up the reader's town
    }
    size = (
        len(steps)
        + len(page.legal_bases.raw_data)
        + page.deputies.count()
        + page.tagged_items.count()
        + page.it_systems.count()
    )
    return tuple(sorted(k for k, v in parts.items() if v)), size


def measure_pages(
    page_ids: list[int], samples: int, repeats: int, seed: int = 7, log=print
) -> dict:
    """Render ``samples`` process pages (logged in, Django test client): query count per page
    in a first pass, then wall-clock time over ``repeats`` passes without query capture.

    "Constant" means: pages with the same optional parts (owner, deputies, tags, …) need the
    same number of queries however many steps, tags or deputies they have."""
    from prozesse.models import ProcessPage

    rng = random.Random(seed)
    chosen = rng.sample(page_ids, k=min(samples, len(page_ids)))
    pages = list(ProcessPage.objects.filter(id__in=chosen).order_by("id"))
    client = staff_client()
    for page in pages[:3]:  # warm the per-process caches (content types, site root paths)
        client.get(page.url)
    counts: list[int] = []
    by_profile: dict[tuple, set[int]] = {}
    sizes: list[tuple[int, int]] = []
    example_queries: list[str] = []
    for page in pages:
        profile, size = _content_profile(page)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.url} answered {response.status_code}")
        counts.append(len(queries))
        by_profile.setdefault(profile, set()).add(len(queries))
        sizes.append((size, len(queries)))
        if not example_queries:
            example_queries = [q["sql"][:300] for q in queries.captured_queries]
    urls = [page.url for page in pages]
    timings: list[float] = []
    gc.collect()
    for _ in range(repeats):
        for url in urls:
            t0 = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
    distribution = Counter(counts)
    constant = all(len(values) == 1 for values in by_profile.values())
    sizes.sort()
    result = {
        "pages": len(urls),
        **summary(timings),
        "median_ms": round(statistics.median(timings), 2) if timings else None,
        "queries_min": min(counts) if counts else None,
        "queries_max": max(counts) if counts else None,
        "queries_distribution": {str(k): v for k, v in sorted(distribution.items())},
        "queries_constant_per_profile": constant,
        "queries_by_profile": {
            "+".join(profile) or "(none)": sorted(values) for profile, values in by_profile.items()
        },
        "smallest_page": {"content_items": sizes[0][0], "queries": sizes[0][1]} if sizes else {},
        "largest_page": {"content_items": sizes[-1][0], "queries": sizes[-1][1]} if sizes else {},
        "example_queries": example_queries,
    }
    log(
        f"  process page: median {result['median_ms']} ms, "
        f"queries {result['queries_min']}–{result['queries_max']} (constant: {constant})"
    )
    return result


# ------------------------------------------------------------------------------ reindex
def indexed_counts() -> dict[str, int]:
    from wagtail.models import Page
    from wagtail.search.index import get_indexed_models

    pages = Page.objects.count()
    others = sum(
        model.objects.count()
        for model in get_indexed_models()
        if not issubclass(model, Page) and model._meta.concrete_model is model
    )
    return {"pages": pages, "objects": pages + others}


def measure_reindex(backend_name: str, log=print) -> dict:
    """Full rebuild of one backend with Wagtail's ``update_index`` (what operators run)."""
    counts = indexed_counts()
    started = time.perf_counter()
    call_command("update_index", backend_name=backend_name, verbosity=0, chunk_size=1000)
    seconds = time.perf_counter() - started
    result = {
        "backend": backend_name,
        **counts,
        "seconds": round(seconds, 2),
        "pages_per_s": round(counts["pages"] / seconds, 1),
        "objects_per_s": round(counts["objects"] / seconds, 1),
    }
    log(f"  reindex {backend_name}: {result['pages_per_s']} pages/s ({result['seconds']} s)")
    return result


# ------------------------------------------------------------------------------ seed / import
SEED_SCRIPT = """
import json, sys, time
import django
django.setup()
from django.core.management import call_command
from wagtail.models import Page
from django.apps import apps
def count():
    if not {count}:
        return 0, 0
    others = 0
    for label in ("prozesse.Law", "prozesse.LawParagraph"):
        try:
            others += apps.get_model(label).objects.count()
        except LookupError:
            pass
    return Page.objects.count(), others
before = count()
started = time.perf_counter()
{body}
seconds = time.perf_counter() - started
after = count()
pages, entries = after[0] - before[0], after[1] - before[1]
print(json.dumps({{"seconds": seconds, "pages": pages, "catalogue_entries": entries}}))
"""


def _scratch_index_prefix() -> str:
    return os.environ.get("ELASTICSEARCH_INDEX", "bench_") + "scratch_"


def _run_in_scratch_db(scratch_url: str, body: str, count: bool = True, timeout=900) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": scratch_url,
        "ELASTICSEARCH_INDEX": _scratch_index_prefix(),
    }
    completed = subprocess.run(
        [sys.executable, "-c", SEED_SCRIPT.format(body=body, count=count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        return {
            "error": " / ".join((completed.stderr or completed.stdout).strip().splitlines()[-3:])
        }
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _scratch_database(name: str) -> str:
    """Create (fresh) a scratch database next to the benchmark database; return its URL."""
    db = settings.DATABASES["default"]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{user}{password}@{host}/{name}"


def _drop_database(name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _drop_scratch_indexes() -> None:
    """The search indexes the scratch runs created (by name: Elasticsearch refuses wildcard
    deletes by default)."""
    from wagtail.search.backends import get_search_backend

    from search.indexes import is_search_engine

    prefix = _scratch_index_prefix()
    backend = get_search_backend("default")
    if not prefix.startswith("bench") or not is_search_engine(backend):
        return
    for name in backend.es.indices.get(index=f"{prefix}*"):
        backend.es.indices.delete(index=name)


def measure_seed_and_imports(scratch_name: str, data_dir: Path, log=print) -> dict:
    """``seed_demo`` and the import commands, each timed in a fresh scratch database."""
    commands = get_commands()
    result: dict = {}
    seed_available = "seed_demo" in commands
    try:
        scratch = _scratch_database(scratch_name)
        migrate = _run_in_scratch_db(scratch, "call_command('migrate', verbosity=0)", False)
        if "error" in migrate:
            return {"error": f"migrate failed: {migrate['error']}"}
        if seed_available:
            seed = _run_in_scratch_db(scratch, "call_command('seed_demo', verbosity=0)")
            if "seconds" in seed:
                seed["pages_per_s"] = round(seed["pages"] / seed["seconds"], 1)
            result["seed_demo"] = seed
        else:
            result["seed_demo"] = "not available yet"
        log(f"  seed_demo: {result['seed_demo']}")
        for command, body in _import_invocations(commands, data_dir).items():
            if body is None:
                result[command] = "not available yet"
                continue
            outcome = _run_in_scratch_db(scratch, body)
            if "seconds" in outcome and outcome["seconds"] > 0:
                outcome["pages_per_s"] = round(outcome["pages"] / outcome["seconds"], 1)
            result[command] = outcome
            log(f"  {command}: {outcome}")
    finally:
        _drop_database(scratch_name)
        _drop_scratch_indexes()
    return result


#: BPMN MIWG folders imported (about 90 files from four tools, a few deliberately broken).
BPMN_TOOLS = (
    "Reference",
    "bpmn.io (Camunda Modeler) 18.6.1",
    "ADONIS 17.0",
    "SAP Signavio Process Manager 19.9.0",
)
OPARL_LIMIT = 300


def _import_invocations(commands: dict, data_dir: Path) -> dict[str, str | None]:
    """Which import commands exist, and the code that runs each on the shared data (after
    ``seed_demo``, which provides the departments and the importing superuser)."""
    department = "str(DepartmentPage.objects.order_by('path').first().pk)"
    known = {
        "import_laws": f"call_command('import_laws', {str(data_dir / 'gesetze')!r}, verbosity=0)",
        "import_bpmn": (
            "call_command('import_bpmn', "
            + ", ".join(repr(str(data_dir / "bpmn-miwg" / tool)) for tool in BPMN_TOOLS)
            + ", verbosity=0)"
        ),
        "import_oparl": (
            f"call_command('import_oparl', {str(data_dir / 'oparl-karlsruhe')!r}, "
            f"limit={OPARL_LIMIT}, publish=True, verbosity=0)"
        ),
        "import_xprozess": (
            "from prozesse.models import DepartmentPage\n"
            "call_command('import_xprozess', "
            f"{str(next(iter(sorted((data_dir / 'xprozess').glob('*.xml'))), ''))!r}, "
            f"department={department}, publish=True, verbosity=0)"
        ),
    }
    return {name: (body if name in commands else None) for name, body in known.items()}


@dataclass
class Timer:
    laps: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def lap(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.laps[name] = round(time.perf_counter() - started, 2)
