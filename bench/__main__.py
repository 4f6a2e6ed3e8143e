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
        "--no-seed", action="store_true", help="skip seed_demo and import throughput"
    )
    parser.add_argument("--output", type=Path, default=None, help="report folder")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from bench.runner import RESULTS_DIR, Options, run

    options = Options(
        size=args.size,
        municipalities=args.municipalities,
        repeats=args.repeats,
        budget_s=args.budget,
        page_samples=args.page_samples,
        page_repeats=args.page_repeats,
        reuse_data=args.reuse,
        seed_and_import=not args.no_seed,
        output_dir=args.output or RESULTS_DIR,
    )
    run(options, log=lambda message: print(message, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
