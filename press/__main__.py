"""`python -m press build` builds the edition of the published data (`make edition`); `python -m press serve`
serves it with nginx (`make serve-edition`)."""

from __future__ import annotations

import argparse
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m press", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the edition of the published data")
    build.add_argument("--force", action="store_true", help="rebuild this data version even if it was built")
    build.add_argument("--status", action="store_true", help="report progress in the edition's status file")
    serve = commands.add_parser("serve", help="serve the edition with nginx")
    serve.add_argument("--port", type=int, default=None,
                       help="default: the port of the edition's address when it is on this machine, else a free one; "
                            "0: a free port")
    args = parser.parse_args(argv)
    if args.command == "build":
        from press.background import build_with_status
        from press.build import build_edition
        started = time.perf_counter()
        if args.status:
            built = build_with_status(force=args.force)
        else:
            built = build_edition(force=args.force, progress=lambda step, done, total: print(
                f"[{done}/{total}] {step}", flush=True))
        if built is None:
            return 1
        what = "was built before; latest now points at it" if built.reused else \
            f"built in {time.perf_counter() - started:.0f} s"
        print(f"edition {built.version}: {built.path} {what}")
        return 0
    from press.serve import serve_forever
    return serve_forever(args.port)


if __name__ == "__main__":
    sys.exit(main())
