"""What every bench shares: one command line (``--help``, ``--quick``, ``--sizes``), wall
time beside CPU time, the load average and the peak memory.

This machine is shared: under load a wall time grows several-fold while the CPU time of
the process barely moves, so every figure is printed as both, with the load average at
the start and at the end of the run.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = ["Timing", "timed", "measure", "load_average", "peak_rss_mb", "command_line", "header", "footer"]


@dataclass
class Timing:
    """Seconds of wall clock and of this process's CPU (all its threads)."""

    wall: float = 0.0
    cpu: float = 0.0

    def __str__(self) -> str:
        return f"{self.wall:.2f} s wall / {self.cpu:.2f} s CPU"


@contextmanager
def timed() -> Iterator[Timing]:
    """``with timed() as t: ...`` fills ``t.wall`` and ``t.cpu`` when the block ends."""
    timing = Timing()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield timing
    finally:
        timing.wall, timing.cpu = time.perf_counter() - wall, time.process_time() - cpu


def measure(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, Timing]:
    """``fn(*args, **kwargs)`` and how long it took."""
    with timed() as timing:
        result = fn(*args, **kwargs)
    return result, timing


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min) on {os.cpu_count()} CPUs"


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def command_line(doc: str, sizes: Sequence[str], *, default: Sequence[str], quick: Sequence[str],
                 argv: Sequence[str] | None = None,
                 extra: Callable[[argparse.ArgumentParser], None] | None = None) -> argparse.Namespace:
    """Parse ``--help``, ``--quick`` and ``--sizes a,b`` (and ``extra`` options); the
    chosen sizes are ``args.sizes``, in the order of ``sizes``."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"only the small sizes ({', '.join(quick)}): a smoke run in seconds")
    parser.add_argument("--sizes", help=f"comma-separated, any of: {', '.join(sizes)} (default: {', '.join(default)})")
    if extra:
        extra(parser)
    args = parser.parse_args(argv)
    if args.sizes:
        wanted = {s.strip() for s in args.sizes.split(",") if s.strip()}
        unknown = wanted - set(sizes)
        if unknown:
            parser.error(f"unknown size(s) {', '.join(sorted(unknown))}; choose from {', '.join(sizes)}")
        args.sizes = [s for s in sizes if s in wanted]
    else:
        args.sizes = list(quick if args.quick else default)
    return args


def header(title: str) -> None:
    print(f"{title} — {load_average()} at the start")


def footer() -> None:
    print(f"{load_average()} at the end; peak RSS of this process {peak_rss_mb():.0f} MB")
