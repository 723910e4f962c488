"""``aipath``: the learner's command.

    aipath workspace [--release release] [--to my-work]   copy new student notebooks into your workspace
    aipath progress [PATH ...] [--png my-work/progress.png]   which exercises of each phase pass
        [--start YYYY-MM-DD [--hours-per-week H]]     ... and where the study plan says you should be
    aipath plan --start YYYY-MM-DD [--hours-per-week H]   the study plan with calendar dates
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

WORKSPACE, RELEASE = Path("my-work"), Path("release")   # the learner's copies; the course's student versions


def iso_date(text: str) -> date:
    """argparse type: a YYYY-MM-DD date, with an error that shows the expected form."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD (e.g. 2026-09-01)") from None


def cmd_progress(args) -> int:
    from aipath.learner.progress import progress
    from aipath.learner.study_plan import REFERENCE_HOURS_PER_WEEK, check_inputs

    if args.hours_per_week is not None and args.start is None:
        args.parser.error("--hours-per-week needs --start (the day you started the course)")
    if args.start is not None:
        hours = REFERENCE_HOURS_PER_WEEK if args.hours_per_week is None else args.hours_per_week
        try:
            check_inputs(args.start, hours, args.as_of or date.today())
        except ValueError as error:
            args.parser.error(str(error))
        args.hours_per_week = hours
    os.environ["AIPATH_PROFILE"] = args.profile
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    paths = args.paths or [next((p for p in (WORKSPACE, RELEASE) if p.is_dir()), Path("."))]
    png = args.png or (paths[0] if paths[0].is_dir() else paths[0].parent) / "progress.png"
    cache = args.cache or png.parent / ".progress-cache.json"
    release = args.release if args.release.is_dir() else None
    try:
        progress(paths, png=png, timeout=args.timeout, start=args.start, hours_per_week=args.hours_per_week,
                 today=args.as_of, release=release, cache_file=cache)
    except FileNotFoundError as error:
        args.parser.error(str(error))
    return 0


def cmd_workspace(args) -> int:
    from aipath.learner.workspace import seed

    try:
        added = seed(args.release, args.to)
    except FileNotFoundError as error:
        args.parser.error(str(error))
    notebooks = [p for p in added if p.suffix == ".ipynb"]
    if notebooks:
        print(f"{len(notebooks)} new notebook(s) copied into {args.to}/ (your copies; never overwritten)"
              + (":" if len(notebooks) <= 5 else ""))
        for path in notebooks if len(notebooks) <= 5 else []:   # a course update's new notebooks, by name
            print(f"  {path}")
    print(f"Your workspace: {args.to}/ (git does not track it; release/ keeps the course's originals)")
    return 0


def cmd_plan(args) -> int:
    from aipath.learner.study_plan import check_hours, schedule_table

    try:
        check_hours(args.hours_per_week)
    except ValueError as error:
        args.parser.error(str(error))
    print(schedule_table(args.start, args.hours_per_week))
    return 0


def main(argv: list[str] | None = None) -> int:
    from aipath.learner.study_plan import REFERENCE_HOURS_PER_WEEK

    parser = argparse.ArgumentParser(prog="aipath", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("progress", help="run your notebooks' checks and show what passes, per phase")
    p.add_argument("paths", nargs="*", type=Path, help=f"notebooks or folders (default: {WORKSPACE}/, else {RELEASE}/)")
    p.add_argument("--png", type=Path, help="picture to write (default: progress.png in the first folder given)")
    p.add_argument("--cache", type=Path, help="results by notebook content (default: .progress-cache.json beside the picture)")
    p.add_argument("--release", type=Path, default=RELEASE,
                   help=f"the student versions: a copy whose cells are unchanged is 'not started' without running (default {RELEASE}/)")
    p.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    p.add_argument("--profile", choices=["fast", "full"], default="fast",
                   help="AIPATH_PROFILE while checking (default fast: same checks, smaller data)")
    p.add_argument("--start", type=iso_date, metavar="YYYY-MM-DD",
                   help="the day you started the course: also show where the study plan says you should be")
    p.add_argument("--hours-per-week", type=float, metavar="H",
                   help=f"hours you study a week (with --start; default {REFERENCE_HOURS_PER_WEEK:g}, the plan's; "
                        "10-15 is typical, the plan's weeks scale with it)")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="compare with the plan on this day (default today)")
    p.set_defaults(func=cmd_progress, parser=p)

    w = sub.add_parser("workspace", help="copy the student notebooks you do not have yet into your workspace")
    w.add_argument("--release", type=Path, default=RELEASE, help=f"the course's student versions (default {RELEASE}/)")
    w.add_argument("--to", type=Path, default=WORKSPACE, help=f"your workspace (default {WORKSPACE}/)")
    w.set_defaults(func=cmd_workspace, parser=w)

    q = sub.add_parser("plan", help="the study plan with calendar dates for your start day and weekly hours")
    q.add_argument("--start", type=iso_date, metavar="YYYY-MM-DD", default=date.today(),
                   help="the day you start (default today; may be in the future)")
    q.add_argument("--hours-per-week", type=float, metavar="H", default=REFERENCE_HOURS_PER_WEEK,
                   help=f"hours you study a week (default {REFERENCE_HOURS_PER_WEEK:g})")
    q.set_defaults(func=cmd_plan, parser=q)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
