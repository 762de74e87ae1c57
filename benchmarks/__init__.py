"""Benchmark harness: synthetic profiles, project build against plain Material (issue 6)."""
