"""`python -m catalog check`: the command staff run before publishing, and the rules the editor applies."""

from __future__ import annotations

from pathlib import Path

from catalog.datasets import DATASETS
from catalog.problems import Problem
from catalog.store import Catalog, build_catalog, data_dir, display_name, published_files


def dataset_for(path: Path, forced: str | None) -> str | None:
    """The dataset a file is checked against: the one named by --as, else the one its file name says."""
    if forced:
        return forced
    return path.stem if path.stem in DATASETS else None


def check_paths(paths: list[Path], forced: str | None = None) -> tuple[list[Problem], Catalog]:
    """Check files (all of data/ when none are given) in the company of the published catalog.

    A checked file stands in for its dataset's published file, so its references are resolved against the rest of
    data/, and a replacement sources.csv that drops a source still in use is caught in the files that use it.
    """
    files = published_files()
    problems: list[Problem] = []
    checked: set[str] = set(files) if not paths else set()
    for path in paths:
        name = dataset_for(path, forced)
        if name is None:
            problems.append(Problem(str(path), None, None, None,
                                    "cannot tell which dataset this file is: name it after a dataset "
                                    f"({', '.join(DATASETS)}) or pass --as DATASET"))
            continue
        files[name] = path
        checked.add(name)
    catalog = build_catalog(files)
    replaced = {name for name in checked if files[name] != published_files()[name]}
    for name, state in catalog.states.items():
        if name in checked or (replaced and state.dataset.references() & replaced):
            problems += state.problems
    return problems, catalog


def report(problems: list[Problem], catalog: Catalog, checked_count: int) -> str:
    if problems:
        files = sorted({problem.file for problem in problems})
        lines = [str(problem) for problem in problems]
        lines.append(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(files)} "
                     f"file{'s' if len(files) != 1 else ''}.")
        return "\n".join(lines)
    rows = sum(len(state.table) for state in catalog.states.values())
    return f"OK: {checked_count} file{'s' if checked_count != 1 else ''} passed ({rows} rows in the catalog at " \
           f"{display_name(data_dir())}, version {catalog.version})."
