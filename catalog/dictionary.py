"""The data dictionary staff read (data/README.md), generated from the registry so it cannot drift from the rules.

A test fails when the committed file differs from what this module renders: run `python -m catalog dictionary`.
"""

from __future__ import annotations

from pathlib import Path

from catalog.datasets import DATASETS
from catalog.store import REPO_DIR

INTRO = """\
# Borderlines data dictionary

Generated from the schemas in `catalog/datasets.py` by `python -m catalog dictionary`; do not edit by hand.

Every CSV here is checked by `python -m catalog check` (or `make check-data`) before it is published. To test a
file before replacing one: `python -m catalog check --as DATASET path/to/file.csv`.

## House rules
- **Every figure has a source**: each row names a `source_id` listed in `sources.csv`. Nothing is estimated,
  interpolated or filled in. Where sources disagree, both rows stay and `notes` says so.
- **Approximate figures are flagged**: `approximate` is `true` and `qualifier` holds the source's word (about, over,
  nearly...).
- **Crossings are not people**: `counts` says whether a figure counts border crossings, people or documents. One
  person who crosses twice is two crossings.
- **Files as Excel saves them are accepted**: UTF-8 with or without BOM, Windows-1251, UTF-16; commas,
  semicolons or tabs; CRLF line ends; dates as `2022-09-21` or `21.09.2022`; decimal commas in semicolon files;
  `TRUE`/`FALSE`. Blank rows are ignored. Row numbers in error messages are the ones a spreadsheet shows (the
  header is row 1).
- Empty cell = unknown. Never write `n/a`, `-` or `?`.

## Other files
- `boundaries/`: country outlines for the maps (Natural Earth, public domain), with their licence and origin.
"""


def render_dictionary() -> str:
    parts = [INTRO]
    for dataset in DATASETS.values():
        parts.append(f"## {dataset.title} (`{dataset.filename}`)\n\n{dataset.description}\n\n"
                     "| column | rules | meaning |\n|---|---|---|\n"
                     + "".join(f"| `{spec.name}` | {spec.rule_summary()} | {spec.description} |\n"
                               for spec in dataset.columns))
        if dataset.row_rules:  # each rule names its columns: one rule may hold for several pairs of them
            parts.append("Rules across columns:\n" + "".join(
                f"- {rule.description} ({', '.join(f'`{column}`' for column in rule.columns)})\n"
                for rule in dataset.row_rules))
        if dataset.quoted_in:
            parts.append(f"Every row needs its source's sentence in `{dataset.quoted_in}.csv`, under the same "
                         f"`{dataset.key}`: add it there and publish that file first.\n")
    return "\n".join(parts)


def write_dictionary(path: Path = REPO_DIR / "data" / "README.md") -> Path:
    path.write_text(render_dictionary(), encoding="utf-8")
    return path
