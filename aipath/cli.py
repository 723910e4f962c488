"""``aipath``: the learner's command.

    aipath progress [PATH ...] [--png progress.png]   which exercises of each phase pass
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def cmd_progress(args) -> int:
    from aipath.progress import progress

    os.environ["AIPATH_PROFILE"] = args.profile
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    paths = args.paths or [Path("release") if Path("release").is_dir() else Path(".")]
    progress(paths, png=args.png, timeout=args.timeout)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aipath", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("progress", help="run your notebooks' checks and show what passes, per phase")
    p.add_argument("paths", nargs="*", type=Path, help="notebooks or folders (default: release/)")
    p.add_argument("--png", type=Path, default=Path("progress.png"), help="picture to write (default progress.png)")
    p.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    p.add_argument("--profile", choices=["fast", "full"], default="fast",
                   help="AIPATH_PROFILE while checking (default fast: same checks, smaller data)")
    p.set_defaults(func=cmd_progress)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
