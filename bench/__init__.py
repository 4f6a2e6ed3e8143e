"""Benchmark harness: bulk data generator, measurements and reports (see bench/README.md)."""
