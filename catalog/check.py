"""`python -m catalog check`: the command staff run before publishing, and the rules the editor applies."""

from __future__ import annotations

from pathlib import Path

from catalog import history
from catalog.boundaries import boundaries_path, read_outlines
from catalog.datasets import DATASETS
from catalog.problems import Problem
from catalog.store import Catalog, build_catalog, data_dir, display_name, load_catalog, published_files, read_bytes


def dataset_for(path: Path, forced: str | None) -> str | None:
    """The dataset a file is checked against: the one named by --as, else the one its file name says."""
    if forced:
        return forced
    return path.stem if path.stem in DATASETS else None


def check_paths(paths: list[Path], forced: str | None = None) -> tuple[list[Problem], Catalog]:
    """Check files (all of data/ when none are given) in the company of the published catalog."""
    if not paths:  # data/ as the app loads it, which also keeps each good file in data/history, its changelog and
        catalog = load_catalog()  # the maps' country outlines
        return catalog.problems + history.read_changelog(data_dir())[1] + outlines_problems(), catalog
    problems: list[Problem] = []
    replacements: dict[str, tuple[Path, bytes | None]] = {}
    for path in paths:
        name = dataset_for(path, forced)
        if name is None:
            problems.append(Problem(str(path), None, None, None,
                                    "cannot tell which dataset this file is: name it after a dataset "
                                    f"({', '.join(DATASETS)}) or pass --as DATASET"))
            continue
        replacements[name] = (path, read_bytes(path))
    more, catalog = check_replacements(replacements)
    return problems + more, catalog


def outlines_problems() -> list[Problem]:
    """The map outlines file, when the maps cannot draw from it (they then draw without outlines)."""
    why = read_outlines()[1]
    return [Problem(display_name(boundaries_path()), None, None, None,
                    f"{why}; the maps are drawn without country outlines until it is restored")] if why else []


def check_replacements(replacements: dict[str, tuple[Path, bytes | None]],
                       directory: Path | None = None) -> tuple[list[Problem], Catalog]:
    """Check new contents for datasets (each with the name to report it under) in the company of the published
    catalog: the rules of `python -m catalog check`, which the editor applies before it publishes.

    A replacement's references are resolved against the rest of data/, and a replacement sources.csv that drops a
    source still in use is caught in the files that use it. Translations follow the data and never hold it back: a
    new row's text waiting for its translation, or a translation whose row is gone, is a problem of translations.csv
    (which `python -m catalog check` lists, and which its own publish must fix), not of the file that changed.
    """
    files = published_files(directory)
    raw = {name: read_bytes(path) for name, path in files.items()}
    changed = set()
    for name, (path, content) in replacements.items():
        if content != raw[name]:
            changed.add(name)
        files[name], raw[name] = path, content
    catalog = build_catalog(files, raw)
    problems = [problem for name, state in catalog.states.items()
                if name in replacements or (state.dataset.references() & changed and not state.dataset.translates)
                for problem in state.problems]
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
