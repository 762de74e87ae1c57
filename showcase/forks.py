"""Work shared among forked copies of the build process, on every core.

The build holds everything in memory (the profiles, the theme's frames); a forked copy
starts in milliseconds with all of it, where a fresh process would load it again. Forking
is safe only in a process with one thread and on Linux: elsewhere `workers()` says 1, and
the caller does the work itself.

`in_forks(count, job, receive)` runs `job(index, count, send)` in `count` children; what a
child sends reaches `receive` in this process, as it arrives. A child that fails sends its
traceback, and `in_forks` raises `ForkError` with it after stopping the others.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import wait

_DONE = "done"
_FAILED = "failed"
_DATA = "data"


class ForkError(RuntimeError):
    """A child failed (its traceback is the message) or stopped without a word."""


def workers() -> int:
    """How many forked children may share work now: the cores, or 1 where forking is unsafe."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 1
    return os.cpu_count() or 1


def in_forks(count: int, job: Callable[[int, int, Callable[[object], None]], None],
             receive: Callable[[object], None]) -> None:
    readers, children = {}, []
    try:
        for index in range(count):
            reader, child = _start(job, index, count, f"showcase-fork-{index}")
            readers[reader] = child
            children.append(child)
        while readers:
            for reader in wait(list(readers)):
                kind, value = _receive(reader, readers[reader])
                if kind == _DATA:
                    receive(value)
                elif kind == _DONE:
                    reader.close()
                    del readers[reader]
                else:
                    raise ForkError(value)
    finally:
        for reader in readers:
            reader.close()
        for child in children:
            if child.is_alive() and readers:  # stopped early: a sibling failed
                child.kill()
            child.join()


def _start(job, index: int, count: int, name: str):
    """A forked child running `job`; (the end of its pipe this process reads, the child)."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(job, index, count, writer), daemon=True, name=name)
    child.start()
    writer.close()
    return reader, child


def _receive(reader, child) -> tuple[str, object]:
    try:
        return reader.recv()
    except EOFError:
        raise ForkError(f"process {child.name} stopped (exit code {child.exitcode})") from None


def _run(job, index: int, count: int, writer) -> None:
    try:
        job(index, count, lambda value: writer.send((_DATA, value)))
        writer.send((_DONE, None))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        writer.send((_FAILED, traceback.format_exc()))
    finally:
        writer.close()


class Later:
    """`function(*args)`, computed in a forked child while this process goes on (on another
    core); `result()` waits for it. Where forking is unsafe it is computed by `result()`."""

    def __init__(self, function: Callable, *args):
        self._function, self._args = function, args
        self._done, self._value = False, None
        self._reader = self._child = None
        if workers() > 1:
            self._reader, self._child = _start(self._compute, 0, 1, "showcase-later")

    def _compute(self, index: int, count: int, send) -> None:
        send(self._function(*self._args))

    def result(self):
        if self._done:
            return self._value
        if self._reader is None:
            self._value = self._function(*self._args)
        else:
            try:
                kind, value = _receive(self._reader, self._child)
                if kind == _DATA:
                    self._value = value
                    kind, value = _receive(self._reader, self._child)
            finally:
                self._reader.close()
                self._child.join()
                self._reader = None
            if kind == _FAILED:
                raise ForkError(value)
        self._done = True
        return self._value
