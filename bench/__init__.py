"""Benchmarks: run with `make bench-...`; see docs/benchmarks.md. Not part of the test suite."""
