"""One benchmark run: fresh database, generated register, indexes, measurements, report."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from bench import measure, report
from bench.corpus import DATA_DIR
from bench.generate import Plan, analyze, generate
from bench.machine import load_average, machine_info
from bench.storage import storage

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass
class Options:
    size: int = 10_000
    municipalities: int = 50
    repeats: int = 5
    budget_s: float = 240.0  # per backend and phase; the rounds stop early when spent
    page_samples: int = 100
    page_repeats: int = 3
    fresh_database: bool = True
    reuse_data: bool = False
    reindex_engine: bool = False  # with reuse_data: rebuild the engine index, timed
    database_search: bool = True  # time the database backend's searches too
    seed_and_import: bool = True
    query_limit: int | None = None  # only the first N queries of the mix (smoke test)
    output_dir: Path = RESULTS_DIR
    seed: int = 2026


def _database_name() -> str:
    return settings.DATABASES["default"]["NAME"]


def reset_database(log=print) -> None:
    """Drop and recreate the benchmark database, then migrate. Only for databases whose name
    starts with ``bench`` — never a development or production database."""
    name = _database_name()
    if not name.startswith("bench"):
        raise SystemExit(f"Refusing to reset database {name!r}: its name must start with 'bench'.")
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    log(f"  database {name} recreated; migrating")
    call_command("migrate", verbosity=0, interactive=False)


def reset_search_indexes(log=print) -> None:
    from wagtail.search.backends import get_search_backend

    from search.indexes import is_search_engine, recreate_indexes

    backend = get_search_backend("default")
    if not is_search_engine(backend):
        return
    prefix = getattr(backend, "index_prefix", "")
    if not prefix.startswith(("bench", "test_")):
        raise SystemExit(
            f"Refusing to recreate the indexes with prefix {prefix!r}: "
            "set ELASTICSEARCH_INDEX to a prefix starting with 'bench'."
        )
    recreate_indexes(backend)
    log(f"  search indexes {prefix}* recreated")


def _existing_data():
    from prozesse.models import EmergencyScenarioPage, MunicipalityPage, ProcessPage

    slugs = list(MunicipalityPage.objects.order_by("path").values_list("slug", flat=True))
    process_ids = list(ProcessPage.objects.live().values_list("id", flat=True))
    scenarios = list(EmergencyScenarioPage.objects.values_list("id", flat=True))
    return slugs, process_ids, scenarios


def generate_and_index(options: Options, log=print) -> dict:
    """Generate the register into the (migrated) benchmark database and build both indexes.

    Returns the report's ``data`` and ``reindex`` sections plus the municipality slugs and
    process ids the measurements sample from. Also used by the load test (bench/load)."""
    reset_search_indexes(log)
    log("[bench] generating")
    plan = Plan(processes=options.size, municipalities=options.municipalities, seed=options.seed)
    generated = generate(plan, log=log)
    analyze()
    result: dict = {
        "data": {
            "counts": generated.counts,
            "seconds": round(generated.seconds, 2),
            "pages_per_s": round(generated.pages / generated.seconds, 1),
            "corpus": DATA_DIR.name and str(DATA_DIR),
        },
        "slugs": generated.municipality_slugs,
        "process_ids": generated.process_ids,
    }
    log(f"  generated in {generated.seconds:.1f} s")

    log("[bench] full reindex")
    result["reindex"] = {}
    backends = settings.WAGTAILSEARCH_BACKENDS
    if "fallback" in backends:
        result["reindex"]["engine"] = measure.measure_reindex("default", log)
        result["reindex"]["database"] = measure.measure_reindex("fallback", log)
    else:
        result["reindex"]["database"] = measure.measure_reindex("default", log)
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    if hasattr(backend, "refresh_indexes"):
        backend.refresh_indexes()
    analyze()
    result["storage"] = storage(backend)
    return result


def run(options: Options, log=print) -> dict:
    started = time.perf_counter()
    timer = measure.Timer()
    result: dict = {
        "label": report.size_label(options.size),
        "size": options.size,
        "started_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "load_before": load_average(),
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(options).items()},
        "notes": [],
    }
    log(f"[bench] {options.size} process pages, load {result['load_before']}")
    if options.fresh_database and not options.reuse_data:
        with timer.lap("migrate"):
            reset_database(log)
    result["machine"] = machine_info()

    if options.reuse_data:
        slugs, process_ids, _scenarios = _existing_data()
        result["data"] = {
            "counts": {"ProcessPage": len(process_ids)},
            "seconds": 0.0,
            "pages_per_s": 0.0,
        }
        result["notes"].append("Data reused from an earlier run (--reuse): no generation timing.")
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend("default")
        if options.reindex_engine and "fallback" in settings.WAGTAILSEARCH_BACKENDS:
            log("[bench] full reindex of the search engine (--reindex-engine)")
            result["reindex"] = {"engine": measure.measure_reindex("default", log)}
            backend.refresh_indexes()
            result["notes"].append(
                "Only the search-engine index was rebuilt (--reindex-engine); the database "
                "index is the one of the earlier run."
            )
        result["storage"] = storage(backend)
    else:
        generated = generate_and_index(options, log)
        slugs, process_ids = generated.pop("slugs"), generated.pop("process_ids")
        result.update(generated)

    log("[bench] search")
    with timer.lap("search"):
        result["search"] = measure.measure_search(
            slugs,
            options.repeats,
            options.budget_s,
            options.query_limit,
            log,
            database=options.database_search,
        )
    if not options.database_search:
        result["notes"].append("The database backend's searches were not timed (--engine-only).")
    log("[bench] process pages")
    with timer.lap("pages"):
        result["process_page"] = measure.measure_pages(
            process_ids, options.page_samples, options.page_repeats, log=log
        )
    if options.seed_and_import:
        log("[bench] seed_demo and imports (scratch database)")
        with timer.lap("seed_and_import"):
            result["seed_and_import"] = measure.measure_seed_and_imports(
                f"{_database_name()}_scratch", DATA_DIR, log
            )
    result["load_after"] = load_average()
    result["phases_seconds"] = timer.laps
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    if options.output_dir:
        result["reference"] = report.find_reference(Path(options.output_dir), options.size)
    result["derived"] = report.derive(result)
    if options.output_dir:
        json_path, md_path = report.write(result, Path(options.output_dir))
        log(f"[bench] report: {md_path} and {json_path.name} ({result['total_seconds']:.0f} s)")
    return result
