"""``python -m bench --size 10000`` — usually called through ``scripts/bench``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def parse(argv: list[str]):
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Generate a register of SIZE process pages, measure it, write a report.",
    )
    parser.add_argument("--size", type=int, default=10_000, help="process pages (default 10000)")
    parser.add_argument("--municipalities", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5, help="timed rounds over the query mix")
    parser.add_argument(
        "--budget", type=float, default=240.0, help="seconds per search backend before stopping"
    )
    parser.add_argument("--page-samples", type=int, default=100, help="process pages rendered")
    parser.add_argument("--page-repeats", type=int, default=3)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the data of an earlier run (no generation)"
    )
    parser.add_argument(
        "--reindex-engine",
        action="store_true",
        help="with --reuse: rebuild the search-engine index (timed), e.g. after a mapping change",
    )
    parser.add_argument(
        "--no-seed", action="store_true", help="skip seed_demo and import throughput"
    )
    parser.add_argument(
        "--engine-only",
        action="store_true",
        help="with --reuse: skip the database backend's searches (e.g. its index is not built)",
    )
    parser.add_argument("--output", type=Path, default=None, help="report folder")
    load = parser.add_argument_group("load test (--load)")
    load.add_argument(
        "--load", action="store_true", help="load test with locust instead of the measurements"
    )
    load.add_argument("--staff", type=int, default=100, help="concurrent staff (default 100)")
    load.add_argument("--editors", type=int, default=5, help="concurrent editors (default 5)")
    load.add_argument("--duration", type=int, default=120, help="seconds of load (default 120)")
    load.add_argument(
        "--warmup", type=int, default=20, help="unmeasured seconds after the last sign-in"
    )
    load.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    load.add_argument("--port", type=int, default=8731, help="gunicorn port (default 8731)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from bench.runner import RESULTS_DIR, Options, run

    if args.load:
        from bench.load.run import LoadOptions, run_load

        run_load(
            LoadOptions(
                size=args.size,
                municipalities=args.municipalities,
                staff=args.staff,
                editors=args.editors,
                duration_s=args.duration,
                warmup_s=args.warmup,
                workers=args.workers,
                port=args.port,
                output_dir=args.output or RESULTS_DIR,
            ),
            log=lambda message: print(message, flush=True),
        )
        return 0

    options = Options(
        size=args.size,
        municipalities=args.municipalities,
        repeats=args.repeats,
        budget_s=args.budget,
        page_samples=args.page_samples,
        page_repeats=args.page_repeats,
        reuse_data=args.reuse,
        reindex_engine=args.reindex_engine,
        seed_and_import=not args.no_seed,
        database_search=not args.engine_only,
        output_dir=args.output or RESULTS_DIR,
    )
    run(options, log=lambda message: print(message, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
