"""Pausing Python's cyclic garbage collector around work that makes many objects and no cycles."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """Loading a repository and listing its pages make hundreds of thousands of small containers
    that live on: the collector, run again and again over the growing heap, cost a third of the
    time. Reference counting still frees everything that is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
