"""Command line for staff and developers: `python -m catalog check [PATH ...] [--as DATASET]`, and
`python -m catalog dictionary` to rewrite data/README.md from the schemas.

Checking all of data/ (no PATH) also checks the briefing decks against it (one per language: briefing.md,
briefing.ru.md); a PATH ending in .md is checked as a deck.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalog.check import check_paths, report
from catalog.datasets import DATASETS
from catalog.deckfile import deck_paths, read_deck
from catalog.dictionary import write_dictionary
from catalog.snapshot import take_snapshot
from catalog.store import display_name
from deck.slides import deck_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalog", description="Check and document Borderlines data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check CSV files and the briefing deck (all of data/ when no path is "
                                              "given)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.add_argument("--as", dest="dataset", choices=sorted(DATASETS), metavar="DATASET",
                       help="check the file(s) against this dataset's schema, whatever their names")
    commands.add_parser("dictionary", help="rewrite data/README.md from the schemas")
    args = parser.parse_args(argv)

    if args.command == "dictionary":
        print(f"wrote {write_dictionary()}")
        return 0
    decks = [path for path in args.paths if path.suffix == ".md"]
    tables = [path for path in args.paths if path.suffix != ".md"]
    problems: list = []
    if tables or not decks:
        problems, catalog = check_paths(tables, args.dataset)
        print(report(problems, catalog, len(tables) or len(DATASETS)))
    if decks or not args.paths:
        deck_problems = check_decks(decks or deck_paths())
        print("\n".join(deck_problems) or "OK: every slide of the briefing deck can be shown.")
        problems += deck_problems
    return 1 if problems else 0


def check_decks(paths: list[Path]) -> list[str]:
    """Every problem of these decks, drawn against the published data as a briefing would draw them."""
    tables = take_snapshot().tables
    problems = []
    for path in paths:
        text, unreadable = read_deck(path)
        problems += [f"{display_name(path)}: {unreadable}"] if text is None else deck_problems(display_name(path),
                                                                                               text, tables)
    return problems


if __name__ == "__main__":
    sys.exit(main())
