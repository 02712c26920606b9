"""Describe the machine a benchmark ran on, for bench/RESULTS.md."""

import logging
import os
import platform
from pathlib import Path

logger = logging.getLogger(__name__)


def describe_machine() -> str:
    """Return CPU model, core count, memory and Python version on one line."""
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown memory"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kib = int(meminfo.read_text().split()[1])
        memory = f"{total_kib / 1024 / 1024:.0f} GiB RAM"
    return f"{cpu}, {os.cpu_count()} cores, {memory}, Python {platform.python_version()}"


def percentile(samples: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of `samples` (fraction between 0 and 1)."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]
