"""BENCHMARKS.md: what was measured, on what machine, against which floor, and how to measure it again."""

from __future__ import annotations

import os
import platform
import sys
from datetime import datetime
from importlib.metadata import version

import psutil

LIBRARIES = ("streamlit", "pandas", "pyarrow", "plotly", "pydeck", "pandera")


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    libraries = ", ".join(f"{name} {version(name)}" for name in LIBRARIES)
    return (f"{platform.platform()}; {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}); "
            f"{memory:.1f} GiB memory; Python {sys.version.split()[0]}; {libraries}")


def megabytes(size: float) -> str:
    return f"{size / 2**20:,.0f} MB"


def kilobytes(size: float) -> str:
    return f"{size / 2**10:,.0f} kB"


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def document(sections: list[list[str]], command: str) -> str:
    now = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    head = ["# Benchmarks", "", f"Written by `{command}` on {now}.", "", f"Machine: {machine()}.", "",
            "Every figure is a median of several runs, and every target a ratio against a floor measured in the "
            "same run, because a shared machine's speed varies from minute to minute.", ""]
    return "\n".join(head + [line for section in sections for line in section])
