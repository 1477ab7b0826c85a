"""Command line for staff and developers: `python -m catalog check [PATH ...] [--as DATASET]`, and
`python -m catalog dictionary` to rewrite data/README.md from the schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalog.check import check_paths, report
from catalog.datasets import DATASETS
from catalog.dictionary import write_dictionary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalog", description="Check and document Borderlines data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check CSV files (all of data/ when no path is given)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.add_argument("--as", dest="dataset", choices=sorted(DATASETS), metavar="DATASET",
                       help="check the file(s) against this dataset's schema, whatever their names")
    commands.add_parser("dictionary", help="rewrite data/README.md from the schemas")
    args = parser.parse_args(argv)

    if args.command == "dictionary":
        print(f"wrote {write_dictionary()}")
        return 0
    problems, catalog = check_paths(args.paths, args.dataset)
    print(report(problems, catalog, len(args.paths) or len(DATASETS)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
